// Reads and checks a tenant seed: JSON Schema first, then the references the schema cannot see.
// Every problem is reported with the path of the field, e.g. "users[2].devices[0].id".
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { paths } from '../../paths.js';
import { isTimeZone } from '../../core/i18n/i18n.js';
import { parseEmail } from '../../core/usecases/securityInfo.js';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS; their default export is the constructor.
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

export class SeedError extends Error {
  /** `unreadable`: the file could not be read at all (gone, a folder, no permission), as opposed to read and found invalid. */
  constructor(readonly file: string, readonly problems: readonly string[], readonly unreadable = false) {
    super(`Invalid tenant seed ${file}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SeedError';
  }
}

/** A seed as written: Graph-shaped objects, unknown fields kept. */
export type SeedObject = Record<string, unknown>;
export interface Seed {
  readonly tenant: SeedObject;
  readonly users: SeedObject[];
  readonly termsOfUse?: SeedObject[];
}

let validator: ValidateFunction | undefined;
async function schemaValidator(): Promise<ValidateFunction> {
  if (!validator) {
    const schema = JSON.parse(await readFile(paths.tenantSchema, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** "/users/2/devices/0/id" → "users[2].devices[0].id". */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describe(error: ErrorObject): string {
  const where = fieldPath(error.instancePath) || '(root)';
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${where === '(root)' ? '' : where + '.'}${missing}: is required`;
  }
  if (error.keyword === 'enum') {
    return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where}: ${error.message ?? 'is invalid'}`;
}

const asArray = (value: unknown): SeedObject[] => (Array.isArray(value) ? (value as SeedObject[]) : []);

/** The agreements of a seed, wherever it keeps them (tenant.termsOfUse or top-level termsOfUse). */
export function seedAgreements(seed: Seed): SeedObject[] {
  return [...asArray(seed.tenant.termsOfUse), ...asArray(seed.termsOfUse)];
}

function referenceProblems(seed: Seed): string[] {
  const problems: string[] = [];
  const duplicate = (values: { value: string; where: string }[], what: string): void => {
    const seen = new Map<string, string>();
    for (const { value, where } of values) {
      const first = seen.get(value);
      if (first !== undefined) problems.push(`${where}: duplicate ${what} "${value}" (also at ${first})`);
      else seen.set(value, where);
    }
  };
  const userIds = new Set(seed.users.map((u) => String(u.id)));
  const agreementIds = new Set(seedAgreements(seed).map((a) => String(a.id)));
  duplicate(seed.users.map((u, i) => ({ value: String(u.id), where: `users[${i}].id` })), 'user id');
  duplicate(seed.users.map((u, i) => ({ value: String(u.userPrincipalName).toLowerCase(), where: `users[${i}].userPrincipalName` })), 'userPrincipalName');
  const agreementsWhere = [
    ...asArray(seed.tenant.termsOfUse).map((a, i) => ({ value: String(a.id), where: `tenant.termsOfUse[${i}].id` })),
    ...asArray(seed.termsOfUse).map((a, i) => ({ value: String(a.id), where: `termsOfUse[${i}].id` })),
  ];
  duplicate(agreementsWhere, 'agreement id');

  if (seed.tenant.timeZone !== undefined && !isTimeZone(seed.tenant.timeZone)) {
    problems.push(`tenant.timeZone: ${JSON.stringify(seed.tenant.timeZone)} is not an IANA time zone (e.g. "Europe/Amsterdam")`);
  }
  for (const [office, zone] of Object.entries((seed.tenant.officeTimeZones ?? {}) as Record<string, unknown>)) {
    if (!isTimeZone(zone)) problems.push(`tenant.officeTimeZones.${office}: ${JSON.stringify(zone)} is not an IANA time zone (e.g. "Europe/Paris")`);
  }

  const helpdesk = seed.tenant.helpdesk as { agents?: unknown[] } | undefined;
  (helpdesk?.agents ?? []).forEach((agent, i) => {
    if (!userIds.has(String(agent))) problems.push(`tenant.helpdesk.agents[${i}]: no user has the id "${String(agent)}"`);
  });

  seed.users.forEach((user, i) => {
    const at = `users[${i}]`;
    if (typeof user.manager === 'string') {
      if (!userIds.has(user.manager)) problems.push(`${at}.manager: no user has the id "${user.manager}"`);
      else if (user.manager === user.id) problems.push(`${at}.manager: a user cannot be their own manager`);
    }
    duplicate(asArray(user.authenticationMethods).map((m, j) => ({ value: String(m.id), where: `${at}.authenticationMethods[${j}].id` })), 'method id');
    duplicate(asArray(user.devices).map((d, j) => ({ value: String(d.id), where: `${at}.devices[${j}].id` })), 'device id');
    duplicate(asArray(user.organizations).map((o, j) => ({ value: String(o.tenantId), where: `${at}.organizations[${j}].tenantId` })), 'organization');
    duplicate(asArray(user.signIns).map((s, j) => ({ value: String(s.id), where: `${at}.signIns[${j}].id` })), 'sign-in id');
    if (asArray(user.organizations).filter((o) => o.isHome === true).length > 1) {
      problems.push(`${at}.organizations: only one organization can be the home organization`);
    }
    asArray(user.agreementAcceptances).forEach((a, j) => {
      if (!agreementIds.has(String(a.agreementId))) {
        problems.push(`${at}.agreementAcceptances[${j}].agreementId: no agreement has the id "${String(a.agreementId)}"`);
      }
    });
  });
  return problems;
}

/** Graph's form of a phone number: "+{country code} {number}", spaces, dashes, dots or brackets between digits, "x{extension}" after. */
const graphPhone = /^\+[1-9][\d\s().-]{5,30}(\s*x\d{1,10})?$/u;

/**
 * What a valid seed holds that looks wrong but stops nothing: a phone number not in Graph's
 * international form, an address that is no e-mail address. Codes "sent" there still reach the demo
 * outbox; the start logs them so that whoever wrote the seed can mend it.
 */
export function seedWarnings(seed: Seed): string[] {
  const warnings: string[] = [];
  const phone = (value: unknown, where: string): void => {
    if (typeof value === 'string' && value.trim() !== '' && !graphPhone.test(value.trim())) warnings.push(`${where}: ${JSON.stringify(value)} is not a phone number in international form ("+31 20 555 0142")`);
  };
  const email = (value: unknown, where: string): void => {
    if (typeof value === 'string' && value.trim() !== '' && parseEmail(value) === undefined) warnings.push(`${where}: ${JSON.stringify(value)} is not an e-mail address`);
  };
  seed.users.forEach((user, i) => {
    const at = `users[${i}]`;
    phone(user.mobilePhone, `${at}.mobilePhone`);
    (Array.isArray(user.businessPhones) ? user.businessPhones : []).forEach((p, j) => phone(p, `${at}.businessPhones[${j}]`));
    email(user.mail, `${at}.mail`);
    (Array.isArray(user.otherMails) ? user.otherMails : []).forEach((m, j) => email(m, `${at}.otherMails[${j}]`));
    asArray(user.authenticationMethods).forEach((m, j) => {
      phone(m.phoneNumber, `${at}.authenticationMethods[${j}].phoneNumber`);
      email(m.emailAddress, `${at}.authenticationMethods[${j}].emailAddress`);
    });
  });
  return warnings;
}

/** Checks a parsed seed; throws SeedError listing every problem found. */
/** Seeds larger than this are refused before they are read: the embedded directory is a local twin, not a store for a whole enterprise. */
export const maxSeedBytes = 256 * 1024 * 1024;
/** Deeper than this no seed field goes, even in kept unknown fields; a deeper file would overflow the checks' stack. */
export const maxSeedDepth = 64;

/** Where a value is nested deeper than `max` levels (the path of its top-level entry), or undefined. */
function tooDeep(data: unknown, max: number): string | undefined {
  const stack: { value: unknown; depth: number; where: string }[] = [{ value: data, depth: 0, where: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, depth, where } = item;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return where || '(top)';
    // The path is kept only for the first two levels (users[3]): enough to find the place, cheap for a large seed.
    const at = (key: string | number): string => (depth >= 2 ? where : typeof key === 'number' ? `${where}[${key}]` : where ? `${where}.${key}` : key);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, where: at(i) }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, where: at(k) });
  }
  return undefined;
}

export async function validateSeed(data: unknown, file: string): Promise<Seed> {
  const deep = tooDeep(data, maxSeedDepth);
  if (deep) throw new SeedError(file, [`${deep}: is nested more than ${maxSeedDepth} levels deep`]);
  const validate = await schemaValidator();
  if (!validate(data)) {
    throw new SeedError(file, (validate.errors ?? []).slice(0, 20).map(describe));
  }
  const seed = data as Seed;
  const problems = referenceProblems(seed);
  if (problems.length > 0) throw new SeedError(file, problems.slice(0, 20));
  return seed;
}

/**
 * Reads, parses and checks a seed file. `canonical` is its content as compact JSON: the same for a
 * file only re-indented or saved with a byte-order mark (as Notepad does), so that such a save is no
 * change of the seed.
 */
export async function readSeedFile(file: string): Promise<{ seed: Seed; text: string; canonical: string }> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > maxSeedBytes) {
      const mb = (bytes: number): number => Math.ceil(bytes / (1024 * 1024));
      throw new SeedError(file, [`is ${mb(size)} MB; a seed may be at most ${mb(maxSeedBytes)} MB`]);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof SeedError) throw error;
    throw new SeedError(file, [`cannot be read: ${(error as Error).message}`], true);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SeedError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return { seed: await validateSeed(data, file), text, canonical: JSON.stringify(data) };
}
