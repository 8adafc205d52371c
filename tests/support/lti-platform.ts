// A spec-faithful LTI 1.3 platform for tests, over real HTTP on a random loopback port (4100-4900): its own RSA key
// pair and key set (rotatable), login initiation, signed id_tokens, a deep-linking return endpoint that verifies the
// tool's signed response, a client-credentials token endpoint that verifies the tool's JWT assertion, and AGS line
// item and score endpoints that enforce the score content type, the `/scores` URL rule and Moodle's rule that each
// score's timestamp is strictly newer than the last one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

type KeyPair = { kid: string; privateKey: CryptoKey; publicJwk: JWK };
async function newKey(): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export type ReceivedScore = {
  lineItem: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  timestamp: string;
  body: Record<string, unknown>;
};
export type LineItem = { id: string; resourceLinkId?: string; scoreMaximum: number; label: string; resourceId?: string };

export class TestPlatform {
  readonly clientId = `client-${randomUUID().slice(0, 8)}`;
  readonly deploymentId = "deployment-1";
  port = 0;
  private server!: Server;
  private keys: KeyPair[] = [];
  /** Kept out of the published key set: signs tokens the tool must refuse ("bad signature", "unknown kid"). */
  private strayKey!: KeyPair;
  /** Where the tool publishes its key set (the test gives a function, so no Next server is needed). */
  toolJwks: () => Promise<{ keys: JWK[] }> = async () => ({ keys: [] });
  jwksFetches = 0;
  readonly scores: ReceivedScore[] = [];
  readonly refusedScores: { status: number; reason: string }[] = [];
  readonly lineItems: LineItem[] = [];
  readonly deepLinkReturns: JWTPayload[] = [];
  /** The kid of every tool JWT the platform verified (client assertions, deep-linking answers), in order. */
  readonly toolKids: string[] = [];
  tokenRequests = 0;
  /** The next n score posts answer 503 (a platform outage). */
  failNextScores = 0;
  private lastTimestamp = new Map<string, number>();
  private accessTokens = new Set<string>();

  /** The host browsers use (e2e: "localhost", another site than the tool's 127.0.0.1); servers always use 127.0.0.1. */
  browserHost = "127.0.0.1";

  get issuer(): string {
    return `http://${this.browserHost}:${this.port}`;
  }
  get authUrl(): string {
    return `${this.issuer}/auth`;
  }
  get tokenUrl(): string {
    return `http://127.0.0.1:${this.port}/token`;
  }
  get jwksUrl(): string {
    return `http://127.0.0.1:${this.port}/jwks`;
  }
  get lineItemsUrl(): string {
    return `${this.issuer}/courses/1/lineitems?type_id=7`;
  }
  get deepLinkReturnUrl(): string {
    return `${this.issuer}/deep-link-return`;
  }

  static async start(opts: { browserHost?: string } = {}): Promise<TestPlatform> {
    const p = new TestPlatform();
    if (opts.browserHost) p.browserHost = opts.browserHost;
    p.keys = [await newKey()];
    p.strayKey = await newKey();
    for (let tries = 0; ; tries++) {
      const port = 4100 + Math.floor(Math.random() * 800);
      try {
        await p.listen(port);
        p.port = port;
        return p;
      } catch (error) {
        if (tries > 20) throw error;
      }
    }
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        this.handle(req, res).catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      });
      server.once("error", reject);
      // Dual-stack when browsers reach it as "localhost" (which may resolve to ::1); IPv4 loopback otherwise.
      server.listen(port, this.browserHost === "localhost" ? "::" : "127.0.0.1", () => {
        this.server = server;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets what earlier tests sent (scores, line items, tokens, counters); keys and registration stay. */
  reset(): void {
    this.scores.length = 0;
    this.refusedScores.length = 0;
    this.lineItems.length = 0;
    this.deepLinkReturns.length = 0;
    this.toolKids.length = 0;
    this.lastTimestamp.clear();
    this.accessTokens.clear();
    this.tokenRequests = 0;
    this.failNextScores = 0;
  }

  /** Publishes a new key and signs with it from now on; the old one stays published (as real platforms do). */
  async rotateKey(): Promise<string> {
    const key = await newKey();
    this.keys.push(key);
    return key.kid;
  }

  private get signingKey(): KeyPair {
    return this.keys.at(-1)!;
  }

  /**
   * The platform's answer to the tool's authorization redirect: checks it as a platform does (response_type, scope,
   * response_mode, prompt, client_id, redirect_uri) and returns the form the browser would post (id_token + state).
   * `claims` overrides or removes (undefined) claims; `sign` picks a wrong key or header to make bad tokens.
   */
  async authorize(
    redirect: string,
    opts: {
      claims?: Record<string, unknown>;
      sign?: "stray-key" | "stray-kid";
      message?: "resource" | "deep-linking";
      user?: { sub: string; roles: string[]; name?: string };
      context?: { id: string; title: string };
      resourceLink?: { id: string; custom?: Record<string, string>; lineItem?: string };
    } = {},
  ): Promise<{ id_token: string; state: string; redirectUri: string }> {
    const url = new URL(redirect);
    const q = url.searchParams;
    const expect = (name: string, value: string) => {
      if (q.get(name) !== value) throw new Error(`platform: ${name} should be ${value}, got ${q.get(name)}`);
    };
    if (`${url.origin}${url.pathname}` !== this.authUrl) throw new Error(`platform: redirected to ${url.origin}${url.pathname}`);
    expect("response_type", "id_token");
    expect("response_mode", "form_post");
    expect("scope", "openid");
    expect("prompt", "none");
    expect("client_id", this.clientId);
    const state = q.get("state");
    const nonce = q.get("nonce");
    const redirectUri = q.get("redirect_uri");
    if (!state || !nonce || !redirectUri || !q.get("login_hint"))
      throw new Error("platform: missing state, nonce, redirect_uri or login_hint");
    const user = opts.user ?? { sub: "learner-1", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"] };
    const context = opts.context ?? { id: "course-1", title: "Economics 101" };
    const message = opts.message ?? "resource";
    const link = opts.resourceLink ?? { id: "link-1" };
    const base: Record<string, unknown> = {
      nonce,
      sub: user.sub,
      name: user.name ?? `Person ${user.sub}`,
      [`${LTI}message_type`]: message === "resource" ? "LtiResourceLinkRequest" : "LtiDeepLinkingRequest",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}target_link_uri`]: redirectUri,
      [`${LTI}roles`]: user.roles,
      [`${LTI}context`]: { id: context.id, title: context.title, label: "ECON101" },
      ...(message === "resource"
        ? {
            [`${LTI}resource_link`]: { id: link.id, title: "Quiz link" },
            ...(link.custom ? { [`${LTI}custom`]: link.custom } : {}),
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
              scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
              lineitems: this.lineItemsUrl,
              ...(link.lineItem ? { lineitem: link.lineItem } : {}),
            },
          }
        : {
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
              deep_link_return_url: this.deepLinkReturnUrl,
              accept_types: ["ltiResourceLink"],
              accept_multiple: false,
              data: "opaque-platform-data",
            },
          }),
    };
    const claims: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(opts.claims ?? {})) {
      if (v === undefined) delete claims[k];
      else claims[k] = v;
    }
    const key =
      opts.sign === "stray-key"
        ? { ...this.strayKey, kid: this.signingKey.kid }
        : opts.sign === "stray-kid"
          ? this.strayKey
          : this.signingKey;
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" });
    if (!("iss" in (opts.claims ?? {}))) jwt.setIssuer(this.issuer);
    if (!("aud" in (opts.claims ?? {}))) jwt.setAudience(this.clientId);
    if (!("iat" in (opts.claims ?? {}))) jwt.setIssuedAt();
    if (!("exp" in (opts.claims ?? {}))) jwt.setExpirationTime("5m");
    return { id_token: await jwt.sign(key.privateKey), state, redirectUri };
  }

  private async body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  private send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
    res.statusCode = status;
    res.setHeader("content-type", type);
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  private async verifyToolJwt(jwt: string, audience: string): Promise<JWTPayload> {
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(await this.toolJwks()), {
      audience,
      algorithms: ["RS256"],
    });
    this.toolKids.push(protectedHeader.kid ?? "");
    return payload;
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? "";
    return header.startsWith("Bearer ") && this.accessTokens.has(header.slice(7));
  }

  /** Where the browser-facing pages send the login initiation (the tool's /api/lti/login), for e2e tests. */
  toolLoginUrl = "";

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.issuer);
    // Browser-facing pages (e2e): a course page framing the tool, and the authorization endpoint's auto-post.
    if (req.method === "GET" && url.pathname === "/course") {
      const hint = [url.searchParams.get("user"), url.searchParams.get("role"), url.searchParams.get("quiz")].join("|");
      const login = new URL(this.toolLoginUrl);
      login.search = new URLSearchParams({
        iss: this.issuer,
        client_id: this.clientId,
        lti_deployment_id: this.deploymentId,
        login_hint: hint,
        target_link_uri: login.href.replace(/\/login$/, "/launch"),
      }).toString();
      return this.send(
        res,
        200,
        `<!doctype html><html lang="en"><head><title>Course</title></head><body><main><h1>Economics 101</h1><iframe title="Koza" src="${login.href}" width="1000" height="700"></iframe></main></body></html>`,
        "text/html",
      );
    }
    if (req.method === "GET" && url.pathname === "/auth") {
      const [sub, role, quiz] = (url.searchParams.get("login_hint") ?? "").split("|");
      const form = await this.authorize(url.href, {
        user: { sub: sub!, roles: [`http://purl.imsglobal.org/vocab/lis/v2/membership#${role}`] },
        resourceLink: { id: "link-e2e", custom: { koza_quiz: quiz! } },
      });
      const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
      return this.send(
        res,
        200,
        `<!doctype html><html lang="en"><head><title>Launching</title></head><body><form method="post" action="${esc(form.redirectUri)}"><input type="hidden" name="id_token" value="${esc(form.id_token)}"><input type="hidden" name="state" value="${esc(form.state)}"></form><script>document.forms[0].submit()</script></body></html>`,
        "text/html",
      );
    }
    if (req.method === "GET" && url.pathname === "/jwks") {
      this.jwksFetches += 1;
      return this.send(res, 200, { keys: this.keys.map((k) => k.publicJwk) });
    }
    if (req.method === "POST" && url.pathname === "/token") {
      this.tokenRequests += 1;
      const form = new URLSearchParams(await this.body(req));
      if (form.get("grant_type") !== "client_credentials") return this.send(res, 400, { error: "unsupported_grant_type" });
      if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        return this.send(res, 400, { error: "invalid_client" });
      try {
        const claims = await this.verifyToolJwt(form.get("client_assertion") ?? "", this.tokenUrl);
        if (claims.iss !== this.clientId || claims.sub !== this.clientId || !claims.jti) throw new Error("iss/sub/jti");
      } catch {
        return this.send(res, 401, { error: "invalid_client" });
      }
      const token = randomUUID();
      this.accessTokens.add(token);
      return this.send(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope: form.get("scope") });
    }
    if (req.method === "POST" && url.pathname === "/deep-link-return") {
      const form = new URLSearchParams(await this.body(req));
      try {
        const claims = await this.verifyToolJwt(form.get("JWT") ?? "", this.issuer);
        if (claims.iss !== this.clientId) throw new Error("iss");
        if (claims[`${LTI}message_type`] !== "LtiDeepLinkingResponse" || claims[`${LTI}version`] !== "1.3.0") throw new Error("type");
        if (claims[`${LTI}deployment_id`] !== this.deploymentId) throw new Error("deployment");
        this.deepLinkReturns.push(claims);
        return this.send(res, 200, "<p>Added</p>", "text/html");
      } catch (error) {
        return this.send(res, 400, { error: String(error) });
      }
    }
    if (url.pathname === "/courses/1/lineitems") {
      if (!this.authorized(req)) return this.send(res, 401, { error: "unauthorized" });
      if (req.method === "GET") {
        const rl = url.searchParams.get("resource_link_id");
        return this.send(
          res,
          200,
          this.lineItems.filter((i) => !rl || i.resourceLinkId === rl),
        );
      }
      if (req.method === "POST") {
        if (req.headers["content-type"] !== "application/vnd.ims.lis.v2.lineitem+json")
          return this.send(res, 415, { error: "content type" });
        const item = JSON.parse(await this.body(req)) as Omit<LineItem, "id">;
        const created = { ...item, id: `${this.issuer}/courses/1/lineitems/${this.lineItems.length + 1}/lineitem?type_id=7` };
        this.lineItems.push(created);
        return this.send(res, 201, created);
      }
    }
    const scoreMatch = /^\/courses\/1\/lineitems\/(\d+)\/lineitem(\/scores)?$/.exec(url.pathname);
    if (req.method === "POST" && scoreMatch) {
      const refuse = (status: number, reason: string) => {
        this.refusedScores.push({ status, reason });
        return this.send(res, status, { error: reason });
      };
      if (!scoreMatch[2]) return refuse(404, "scores go to <lineitem>/scores");
      if (url.searchParams.get("type_id") !== "7") return refuse(404, "the line item's query string was lost");
      if (!this.authorized(req)) return refuse(401, "unauthorized");
      if (req.headers["content-type"] !== SCORE_TYPE) return refuse(415, `content type must be ${SCORE_TYPE}`);
      if (this.failNextScores > 0) {
        this.failNextScores -= 1;
        return refuse(503, "platform is down");
      }
      const body = JSON.parse(await this.body(req)) as Record<string, unknown>;
      const lineItem = `/courses/1/lineitems/${scoreMatch[1]}/lineitem`;
      if (typeof body.userId !== "string" || typeof body.scoreGiven !== "number" || typeof body.scoreMaximum !== "number")
        return refuse(400, "userId, scoreGiven and scoreMaximum are required");
      if (body.activityProgress !== "Completed" || body.gradingProgress !== "FullyGraded") return refuse(400, "progress");
      const ts = Date.parse(String(body.timestamp));
      if (!Number.isFinite(ts)) return refuse(400, "timestamp");
      const key = `${lineItem} ${body.userId}`;
      if (ts <= (this.lastTimestamp.get(key) ?? -Infinity)) return refuse(409, "timestamp is not newer than the last score's");
      this.lastTimestamp.set(key, ts);
      this.scores.push({
        lineItem,
        userId: body.userId,
        scoreGiven: body.scoreGiven,
        scoreMaximum: body.scoreMaximum,
        timestamp: String(body.timestamp),
        body,
      });
      return this.send(res, 200, {});
    }
    return this.send(res, 404, { error: `no route ${req.method} ${url.pathname}` });
  }
}
