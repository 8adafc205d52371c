// Owns the app's internal link: Next's <Link> without prefetching on sight. Every page here is rendered per request
// (who is signed in matters), so each prefetch costs the server a render; a page with 8 links in view cost 8 of them
// per page view. Navigation stays client-side; the page is fetched when the link is followed.
import NextLink from "next/link";
import type { ComponentProps } from "react";

export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
