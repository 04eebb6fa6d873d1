// The dialog of each goal in the catalogue (bot/core/goals.ts). The type asks for every goal, so a
// catalogue row without its dialog does not compile.
import type { GoalIntent } from '../../bot/core/goals.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import type { Dialog } from '../kit.js';
import { AuditViewDialog } from './auditViewDialog.js';
import { DevicesDisableDialog } from './devicesDisableDialog.js';
import { DevicesViewDialog } from './devicesViewDialog.js';
import { HelpdeskTicketDialog } from './helpdeskTicketDialog.js';
import { OrganizationsLeaveDialog } from './organizationsLeaveDialog.js';
import { OrganizationsViewDialog } from './organizationsViewDialog.js';
import { PasswordChangeDialog } from './passwordChangeDialog.js';
import { PasswordResetDialog } from './passwordResetDialog.js';
import { ProfileDialog } from './profileDialog.js';
import { SecurityInfoAddDialog } from './securityInfoAddDialog.js';
import { SecurityInfoDefaultDialog } from './securityInfoDefaultDialog.js';
import { SecurityInfoRemoveDialog } from './securityInfoRemoveDialog.js';
import { SecurityInfoViewDialog } from './securityInfoViewDialog.js';
import { SignInsViewDialog } from './signInsViewDialog.js';
import { SignOutEverywhereDialog } from './signOutEverywhereDialog.js';
import { TermsOfUseDialog } from './termsOfUseDialog.js';
import { TicketStatusDialog } from './ticketStatusDialog.js';

export const goalDialogs: { readonly [Goal in GoalIntent]: new (useCases: UseCases) => Dialog } = {
  'profile.view': ProfileDialog,
  'password.change': PasswordChangeDialog,
  'password.reset': PasswordResetDialog,
  'securityinfo.view': SecurityInfoViewDialog,
  'securityinfo.add': SecurityInfoAddDialog,
  'securityinfo.remove': SecurityInfoRemoveDialog,
  'securityinfo.default': SecurityInfoDefaultDialog,
  'devices.view': DevicesViewDialog,
  'devices.disable': DevicesDisableDialog,
  'organizations.view': OrganizationsViewDialog,
  'organizations.leave': OrganizationsLeaveDialog,
  'termsofuse.review': TermsOfUseDialog,
  'signout.everywhere': SignOutEverywhereDialog,
  'signins.view': SignInsViewDialog,
  'helpdesk.ticket': HelpdeskTicketDialog,
  'ticket.status': TicketStatusDialog,
  'audit.view': AuditViewDialog,
};
