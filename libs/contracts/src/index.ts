/** Types of the API's responses, shared by the server that builds them and the dashboard that reads them. No runtime code. */
export type * from './alerts';
export type * from './dashboard';
