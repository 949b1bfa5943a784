#!/usr/bin/env node
// Lee y escribe los yml del feed de actualizaciones (latest*.yml, beta*.yml) para publish_update.sh, con el parser YAML
// del proyecto (js-yaml) en lugar de grep: cualquier orden de claves, comillas o sangría significa lo mismo.
//
//   node feed_yml.mjs verificar <yml> <carpeta>        cada archivo de files[] y el path/sha512 de arriba existen en la
//                                                      carpeta y coinciden en sha512 (base64) y tamaño; sale con 1 y un
//                                                      mensaje en español si algo no coincide
//   node feed_yml.mjs porcentaje <origen> <destino> N  copia el yml con stagingPercentage: N (N vacío: sin cambios)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

function fallar(mensaje) {
  process.stderr.write(`${mensaje}\n`);
  process.exit(1);
}

function leer(archivo) {
  try {
    // JSON_SCHEMA: escalares simples, como los escribe electron-builder (releaseDate queda texto).
    const datos = yaml.load(fs.readFileSync(archivo, 'utf8'), { schema: yaml.JSON_SCHEMA });
    if (!datos || typeof datos !== 'object' || Array.isArray(datos)) fallar(`${path.basename(archivo)} no es un feed`);
    return datos;
  } catch (e) {
    fallar(`${path.basename(archivo)} no es YAML válido: ${e.message.split('\n')[0]}`);
  }
}

/** Un nombre simple junto al yml, juzgado ya decodificado (%2e%2e%2f es ../ para quien resuelve la URL). */
function nombreSimple(nombre) {
  let decodificado;
  try {
    decodificado = decodeURIComponent(nombre);
  } catch {
    return false;
  }
  return !/[\\/%]|\.\.|^\.$|^[a-z][a-z0-9+.-]*:/i.test(decodificado) && decodificado.length > 0;
}

function sha512(archivo) {
  return crypto.createHash('sha512').update(fs.readFileSync(archivo)).digest('base64');
}

function verificar(yml, carpeta) {
  const feed = leer(yml);
  const nombre = path.basename(yml);
  const calculados = new Map();
  const comprobar = (donde, url, hash, tamano) => {
    if (typeof url !== 'string' || !nombreSimple(url))
      fallar(`${nombre}: ${donde} nombra ${JSON.stringify(url)}, que no es un archivo junto al yml`);
    const archivo = path.join(carpeta, decodeURIComponent(url));
    if (!fs.existsSync(archivo) || !fs.statSync(archivo).isFile())
      fallar(`${nombre} nombra ${url}, que no está en ${carpeta}`);
    if (!calculados.has(archivo)) calculados.set(archivo, sha512(archivo));
    if (typeof hash !== 'string' || hash !== calculados.get(archivo))
      fallar(`sha512 de ${url} no coincide con ${nombre} (${donde}); no se publica nada`);
    if (tamano !== undefined && tamano !== fs.statSync(archivo).size)
      fallar(
        `el tamaño de ${url} (${fs.statSync(archivo).size} bytes) no coincide con ${nombre} (${donde}: ${tamano})`,
      );
  };
  if (typeof feed.version !== 'string' || !feed.version) fallar(`${nombre} no dice su version`);
  if (!Array.isArray(feed.files) || feed.files.length === 0) fallar(`${nombre} no nombra ningún archivo (files)`);
  feed.files.forEach((f, i) => {
    if (!f || typeof f !== 'object') fallar(`${nombre}: files[${i}] no es un archivo`);
    if (!Number.isInteger(f.size) || f.size < 0) fallar(`${nombre}: files[${i}].size falta o no es un número entero`);
    comprobar(`files[${i}]`, f.url, f.sha512, f.size);
  });
  if ((feed.path === undefined) !== (feed.sha512 === undefined))
    fallar(`${nombre}: path y sha512 de arriba van juntos (uno sin el otro no se puede comprobar)`);
  if (feed.path !== undefined) comprobar('path', feed.path, feed.sha512);
}

function porcentaje(origen, destino, n) {
  if (!n) return fs.copyFileSync(origen, destino);
  const feed = leer(origen);
  feed.stagingPercentage = Number(n);
  fs.writeFileSync(destino, yaml.dump(feed, { lineWidth: -1 }));
}

const [orden, ...args] = process.argv.slice(2);
if (orden === 'verificar' && args.length === 2) verificar(args[0], args[1]);
else if (orden === 'porcentaje' && args.length === 3) porcentaje(args[0], args[1], args[2]);
else fallar('uso: feed_yml.mjs verificar <yml> <carpeta> | porcentaje <origen> <destino> <N>');
