// A large tenant seed made from the demo tenant: its tenant, and `count` users shaped like the demo
// users (each with a password, methods, a device, organizations, sign-ins). For the seed-import
// tests and the seed-import bench.
import { readFile } from 'node:fs/promises';
import { paths } from '../../../../bot/paths.js';
import type { Seed, SeedObject } from '../../../../bot/adapters/embedded/tenantSeed.js';

const uuid = (n: number, kind: number): string => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export async function generatedSeed(count: number): Promise<Seed> {
  const demo = JSON.parse(await readFile(paths.demoTenant, 'utf8')) as Seed;
  const tenantId = String(demo.tenant.id);
  const users: SeedObject[] = Array.from({ length: count }, (_, i) => ({
    id: uuid(i, 1),
    userPrincipalName: `user${i}@contoso.example`,
    displayName: `User ${i}`,
    givenName: 'User',
    surname: String(i),
    jobTitle: 'Analyst',
    department: `Department ${i % 20}`,
    mail: `user${i}@contoso.example`,
    otherMails: [`user${i}.private@example.net`],
    mobilePhone: `+31 6 ${String(10_000_000 + i)}`,
    preferredLanguage: ['en-US', 'fr-FR', 'nl-NL', 'sv-SE'][i % 4],
    manager: i === 0 ? null : uuid(0, 1),
    accountEnabled: true,
    lockedOut: false,
    password: `Generated-Password-${i}`,
    selfServicePasswordResetRegistered: true,
    authenticationMethods: [
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: uuid(i, 2), phoneNumber: `+31 6 ${String(10_000_000 + i)}`, phoneType: 'mobile' },
      { '@odata.type': '#microsoft.graph.emailAuthenticationMethod', id: uuid(i, 3), emailAddress: `user${i}.private@example.net` },
    ],
    signInPreferences: { userPreferredMethodForSecondaryAuthentication: 'sms' },
    devices: [{ id: uuid(i, 4), deviceId: uuid(i, 5), displayName: `CON-LT-${i}`, operatingSystem: 'Windows', accountEnabled: true }],
    organizations: [{ tenantId, displayName: String(demo.tenant.displayName), isHome: true }],
    signIns: Array.from({ length: 5 }, (_, j) => ({
      id: uuid(i * 10 + j, 6), createdDateTime: `2026-11-2${j}T08:00:00Z`, appDisplayName: 'Office 365 Exchange Online',
      ipAddress: '203.0.113.7', status: { errorCode: 0 },
    })),
  }));
  const helpdesk = { ...(demo.tenant.helpdesk as SeedObject), agents: [uuid(0, 1)] };
  return { tenant: { ...demo.tenant, helpdesk }, users };
}
