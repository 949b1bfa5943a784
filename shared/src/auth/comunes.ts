/**
 * Passwords nobody may choose (ASVS 2.1.7): the most common passwords of the public breach lists and the words an
 * officer here would reach for, with the endings people add to pass a length rule. Written by hand, not downloaded (no
 * list package is installed and the build has no network): the first list is the head of the well-known public top
 * lists (SecLists' "10k-most-common", the UK NCSC's "PwnedPasswordsTop100k", RockYou's top entries and the Spanish-language
 * top lists published after breaches), the second the words of this domain and of Panama; each word is also kept
 * with the usual endings (years, 123…, !). Compared in lower case, after Unicode NFKC. docs/security.md says how the
 * list was made and how to extend it.
 */

/** The head of the public breach top lists (English and Spanish), as people type them. */
const MAS_USADAS = `
123456 123456789 12345678 12345 1234567 1234567890 123123 111111 000000 654321 666666 121212 112233 123321 7777777
987654321 11111111 1111111111 0987654321 123456a 123456789a a123456 1q2w3e4r 1q2w3e4r5t 1qaz2wsx 1q2w3e 1qazxsw2
zaq12wsx zaq1zaq1 qazwsx qwerty qwerty123 qwertyuiop qwerty1 qwe123 asdfgh asdfghjkl zxcvbnm asdf1234 abc123 abcd1234
abc12345 password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pass1234 letmein
letmein123 welcome welcome1 welcome123 iloveyou iloveyou1 admin admin123 admin1234 administrator root toor
master monkey dragon football baseball basketball soccer hockey superman batman spiderman pokemon starwars
princess sunshine shadow michael jennifer jordan23 jessica ashley daniel charlie thomas hunter hunter2 killer
trustno1 whatever freedom access secret secret123 login changeme changeme123 default guest test test123 test1234
testing qwertz azerty 1234qwer q1w2e3r4 q1w2e3r4t5 google mustang harley ranger buster tigger cookie ginger
summer winter spring autumn hello hello123 loveme lovely flower purple orange chocolate computer internet samsung
iphone apple microsoft linkedin facebook instagram youtube twitter myspace1 michelle nicole matthew andrew joshua
anthony william robert richard joseph charles maggie pepper bailey silver golden diamond yankees liverpool chelsea
arsenal barcelona realmadrid madrid juventus boca river america cruzazul chivas
contraseña contrasena contraseña1 contrasena1 contraseña123 contrasena123 clave clave123 clave1234 miclave
micontraseña micontrasena contraseña2024 contraseña2025 contraseña2026 tequiero teamo teamo123 tequieromucho
teamomucho amor amor123 amorcito amormio miamor mivida corazon corazon123 cariño carino bonita bonito princesa
princesa123 hermosa hermoso mariposa estrella angel angelito angeles diosesamor diosteama jesus jesus123
jesucristo dios dios123 diosesbueno bendiciones familia familia123 hola hola123 hola1234 holamundo bienvenido
bienvenida bienvenido1 bienvenido123 usuario usuario1 usuario123 administrador admin2024 admin2025 admin2026
sistema sistema123 soporte soporte123 informatica computadora secreto secreto123 abcdef abcdefg abcdefgh
abcdefghij abcdefghijkl qwertyuiopas asdfghjklñ zxcvbnm123 fernando alejandro alejandra gabriela daniela
valentina camila sofia isabella mariana fernanda carlos carlos123 jose josé juan juan123 maria maria123 luis
luis123 pedro miguel antonio manuel francisco javier jorge ricardo roberto eduardo andres sebastian santiago
diego david martin pablo lucia paula laura andrea carolina patricia veronica monica claudia sandra adriana
futbol futbol123 barcelona1 realmadrid1 messi messi10 ronaldo cr7 neymar pelota chocolate1 galleta
perro perrito gato gatito conejo tigre leon aguila pantera dragon1 naruto goku pikachu sasuke
`;

/** Words of this office and country, and the usual roots people build passwords on. */
const PALABRAS = `
password contraseña contrasena clave secreto usuario admin administrador sistema soporte bienvenido bienvenida
migracion migración migraciones migrante migrantes tramite trámite tramites trámites pasaporte pasaportes visa
visas residencia residente permiso ppsh expediente expedientes solicitud solicitudes oficina ventanilla recepcion
recepción analista supervisor supervisora consulta jefatura direccion dirección funcionario funcionaria servidor
servicio nacional snm gobierno estado republica república panama panamá panameño panameña panamacity chiriqui
chiriquí darien darién colon colón veraguas herrera coclé cocle bocas bocasdeltoro pasocanoas canoas david
sanmiguelito arraijan chorrera canal canaldepanama istmo balboa frontera aduana policia policía seguridad
qwerty qwertyuiop asdfgh asdfghjkl zxcvbnm welcome letmein iloveyou teamo tequiero amor familia dios jesus
hola holamundo monkey dragon master shadow sunshine princess princesa football futbol soccer baseball
summer winter verano invierno enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
diciembre lunes martes miercoles miércoles jueves viernes sabado sábado domingo abc abcd abcdef
`;

/** Endings people add to a word to pass a length or "a digit" rule. */
const FINALES = [
  '',
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '!',
  '1!',
  '123!',
  '@123',
  '#1',
  '01',
  '007',
  '.',
  '*',
  ...Array.from({ length: 2030 - 1990 + 1 }, (_, i) => String(1990 + i)),
];

/** Keyboard rows and counting: any 4+ character stretch of these (forwards) is not a password. */
const SECUENCIAS = [
  '01234567890123456789',
  '98765432109876543210',
  'abcdefghijklmnñopqrstuvwxyz',
  'zyxwvutsrqpoñnmlkjihgfedcba',
  'qwertyuiopasdfghjklñzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '1q2w3e4r5t6y7u8i9o0p',
];

const normalizar = (p: string) => p.normalize('NFKC').toLowerCase();
const lista = (texto: string) => texto.split(/\s+/).filter(Boolean).map(normalizar);

const palabras = new Set([...lista(PALABRAS), ...lista(MAS_USADAS)]);

/** The whole list: every listed password and every word with every ending (a few thousand entries). */
export const PASSWORDS_COMUNES: ReadonlySet<string> = new Set([
  ...lista(MAS_USADAS),
  ...[...palabras].flatMap((p) => FINALES.map((f) => p + f)),
]);

/** What is left of a password without its ending of digits and symbols ("Panama2026!" → "panama"). */
const raiz = (p: string) => p.replace(/[\d\p{P}\p{S}\s]+$/u, '');

/**
 * True for a password of the list, a listed word with any ending of digits and symbols, a stretch of a keyboard row or
 * of counting, or a short pattern repeated ("abcabcabcabc", "aaaaaaaaaaaa").
 */
export function esPasswordComun(password: string): boolean {
  const p = normalizar(password);
  if (PASSWORDS_COMUNES.has(p)) return true;
  const r = raiz(p);
  if (r.length && palabras.has(r)) return true;
  if (/^(.{1,4})\1+$/su.test(p)) return true;
  const sinEspacios = p.replace(/\s+/g, '');
  return sinEspacios.length >= 4 && SECUENCIAS.some((s) => s.includes(sinEspacios));
}
