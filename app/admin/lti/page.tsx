import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/dal/viewer";
import { listPlatforms } from "@/lib/dal/lti/registrations";
import { ltiUrls, toolOrigin } from "@/lib/lti/origin";
import { AddPlatformForm, RemovePlatformButton } from "./registration-forms";

export const metadata = { title: "LTI registrations" };

/** Koza's public origin as the browser reached it (the URLs a platform must be given). */
async function publicOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  const local = host.startsWith("localhost") || host.startsWith("127.");
  return toolOrigin({ url: `${local ? "http" : "https"}://${host}/`, headers: h });
}

/** Administrators: LTI 1.3 platform registrations, and Koza's URLs as Canvas and Moodle ask for them. */
export default async function AdminLtiPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?next=%2Fadmin%2Flti");
  if (viewer.role !== "ADMIN") notFound();
  const platforms = await listPlatforms(viewer);
  const urls = ltiUrls(await publicOrigin());
  const rows: [string, string, string][] = [
    ["Redirect URI(s) / Redirect URI(s)", "Redirection URI(s)", urls.launch],
    ["OpenID Connect Initiation Url", "Initiate login URL", urls.login],
    ["JWK Method: Public JWK URL", "Public keyset URL (Key type: Keyset URL)", urls.jwks],
    ["Target Link URI", "Tool URL", urls.launch],
    ["Placements: Link Selection / Assignment Selection (Deep Linking)", "Supports Deep Linking (Content-Item Message)", urls.launch],
  ];
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">LTI 1.3 registrations</h1>
      <section aria-labelledby="urls-heading" className="flex flex-col gap-3">
        <h2 id="urls-heading" className="text-xl font-semibold">
          Koza&apos;s URLs for your LMS
        </h2>
        <p>Enter these in the LMS when you add Koza as an LTI 1.3 tool; then register the values the LMS gives you below.</p>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Koza&apos;s LTI URLs with the field names Canvas and Moodle use</caption>
            <thead>
              <tr>
                <th scope="col" className="p-2">
                  Canvas (Developer Key, LTI Key)
                </th>
                <th scope="col" className="p-2">
                  Moodle (External tool, LTI 1.3)
                </th>
                <th scope="col" className="p-2">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([canvas, moodle, value]) => (
                <tr key={canvas} className="border-t border-stone-200 dark:border-stone-800">
                  <td className="p-2">{canvas}</td>
                  <td className="p-2">{moodle}</td>
                  <td className="p-2 font-mono break-all">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-sm">
          Services: grant &quot;Can create and update submission results&quot; / &quot;IMS LTI Assignment and Grade Services&quot; (scores
          and line items) so grades flow back.
        </p>
      </section>
      <section aria-labelledby="registered-heading" className="flex flex-col gap-3">
        <h2 id="registered-heading" className="text-xl font-semibold">
          Registered platforms
        </h2>
        {platforms.length === 0 ? (
          <p>No platform is registered yet.</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {platforms.map((p) => (
              <li key={p.id} className="rounded border border-stone-200 p-4 dark:border-stone-800">
                <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="font-medium">Issuer</dt>
                  <dd className="break-all">{p.issuer}</dd>
                  <dt className="font-medium">Client id</dt>
                  <dd className="break-all">{p.clientId}</dd>
                  <dt className="font-medium">Deployment ids</dt>
                  <dd className="break-all">{p.deploymentIds.join(", ")}</dd>
                  <dt className="font-medium">Authorization endpoint</dt>
                  <dd className="break-all">{p.authUrl}</dd>
                  <dt className="font-medium">Token endpoint</dt>
                  <dd className="break-all">{p.tokenUrl}</dd>
                  <dt className="font-medium">Key set</dt>
                  <dd className="break-all">{p.jwksUrl}</dd>
                  {p.frameOrigins.length > 0 && (
                    <>
                      <dt className="font-medium">Extra framing origins</dt>
                      <dd className="break-all">{p.frameOrigins.join(", ")}</dd>
                    </>
                  )}
                </dl>
                <div className="mt-3">
                  <RemovePlatformButton platformId={p.id} label={`${p.issuer} (client id ${p.clientId})`} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-heading" className="flex flex-col gap-3">
        <h2 id="add-heading" className="text-xl font-semibold">
          Add a registration
        </h2>
        <p className="text-sm">
          A registration is keyed by issuer and client id: adding one that exists adds its deployment ids. Or from a shell:{" "}
          <code>npm run admin -- lti add --issuer URL --client-id ID --deployment ID --auth-url URL --token-url URL --jwks-url URL</code>
        </p>
        <AddPlatformForm />
      </section>
    </div>
  );
}
