/** Spanish validation messages for every zod schema, on the server and in the desktop alike. Import once at start-up. */
import { z } from 'zod';

z.config(z.locales.es());
