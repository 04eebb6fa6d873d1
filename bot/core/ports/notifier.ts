// Where one-time codes and account notices go: SMS, e-mail or an Authenticator notification.
export type NotificationChannel = 'sms' | 'email' | 'authenticator';

export interface Notification {
  /** The directory user the message is for. */
  readonly userId: string;
  /** Phone number, e-mail address or Authenticator device name. */
  readonly to: string;
  readonly channel: NotificationChannel;
  readonly text: string;
}

export interface SentNotification {
  readonly to: string;
  readonly channel: NotificationChannel;
  readonly text: string;
  readonly sentAt: string;
}

export interface Notifier {
  send(notification: Notification): Promise<void>;
}
