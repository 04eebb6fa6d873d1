import assert from 'node:assert/strict';
import { accountCapabilities, embeddedCapabilities, graphCapabilities, parsePrivileged, privilegedCapabilities } from '../../../bot/core/capabilities.js';
import { goals } from '../../../bot/core/goals.js';

describe('capabilities', function () {
  const modeOf = (plans: ReturnType<typeof graphCapabilities>, capability: string): string | undefined => plans.find((p) => p.capability === capability)?.mode;

  it('every goal that touches the account has a plan and a Microsoft page', function () {
    for (const goal of goals.filter((g) => !['helpdesk.ticket', 'ticket.status', 'audit.view'].includes(g.intent))) {
      assert.ok((accountCapabilities as readonly string[]).includes(goal.intent), goal.intent);
    }
    for (const plan of graphCapabilities(new Set())) assert.match(plan.portal, /^https:\/\/(myaccount|mysignins)\.microsoft\.com|^https:\/\/aka\.ms\//);
  });

  it('with Graph and nothing privileged: what Graph lets a user do is delegated, the rest goes to the portal', function () {
    const plans = graphCapabilities(new Set());
    for (const c of ['profile.view', 'password.change', 'securityinfo.view', 'securityinfo.remove', 'devices.view', 'signout.everywhere']) assert.equal(modeOf(plans, c), 'delegated', c);
    for (const c of ['password.reset', 'securityinfo.add', 'securityinfo.default', 'devices.disable', 'signins.view', 'organizations.view', 'organizations.leave', 'termsofuse.review']) assert.equal(modeOf(plans, c), 'portal', c);
    assert.deepEqual(plans.find((p) => p.capability === 'signout.everywhere')?.permissions, ['User.RevokeSessions.All']);
  });

  it('an admin opting in moves exactly those capabilities to the assistant\'s own identity, with the roles they need', function () {
    const plans = graphCapabilities(new Set(privilegedCapabilities));
    for (const c of privilegedCapabilities) assert.equal(modeOf(plans, c), 'application', c);
    assert.deepEqual(plans.find((p) => p.capability === 'signins.view')?.permissions, ['AuditLog.Read.All']);
    assert.equal(modeOf(plans, 'organizations.leave'), 'portal', 'no API: never privileged');
    assert.equal(modeOf(graphCapabilities(new Set(['devices.disable'])), 'signins.view'), 'portal');
  });

  it('the embedded tenant does everything itself', function () {
    assert.ok(embeddedCapabilities().every((p) => p.mode === 'embedded'));
  });

  it('GRAPH_PRIVILEGED names known capabilities only', function () {
    const parsed = parsePrivileged(' signins.view , devices.disable,');
    assert.ok(parsed.ok && parsed.value.has('signins.view') && parsed.value.has('devices.disable') && parsed.value.size === 2);
    assert.deepEqual(parsePrivileged('signins.view,organizations.leave'), { ok: false, unknown: 'organizations.leave' });
    assert.ok(parsePrivileged(undefined).ok);
  });
});
