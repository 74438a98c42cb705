// One Durable Object per case handed to a 商工会 advisor (issue 16). TODO: implement.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../src/env';

export class HandoffCase extends DurableObject<Env> {}
