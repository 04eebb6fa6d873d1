// What a goal that verifies the user needs in its dialog set: the check itself, and the offer of the
// helpdesk (with its ticket form) when no other method can prove it's them.
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import type { Dialog } from '../kit.js';
import { HandoffOfferDialog } from './handoffOfferDialog.js';
import { StepUpDialog } from './stepUpDialog.js';

export const verificationSteps = (useCases: UseCases): Dialog[] => [new StepUpDialog(useCases), ...HandoffOfferDialog.withTicketForm(useCases)];
