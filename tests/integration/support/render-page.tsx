// Renders a server page to HTML inside a test: async server components anywhere in the tree are awaited first
// (React's static renderer runs only synchronous ones), then react-dom/server renders the rest, client
// components included (their hooks get whatever the test mocked for next/navigation).
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

type AnyProps = { children?: ReactNode } & Record<string, unknown>;

function isAsyncFunction(fn: unknown): fn is (props: AnyProps) => Promise<ReactNode> {
  return typeof fn === "function" && fn.constructor.name === "AsyncFunction";
}

export async function resolveServerTree(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolveServerTree));
  if (!isValidElement(node)) return node;
  const element = node as ReactElement<AnyProps>;
  if (isAsyncFunction(element.type)) return resolveServerTree(await element.type(element.props));
  if (element.props.children === undefined) return element;
  const children = await Promise.all(Children.toArray(element.props.children).map(resolveServerTree));
  return cloneElement(element, undefined, ...children);
}

export async function renderPageHtml(page: Promise<ReactNode>): Promise<string> {
  return renderToStaticMarkup(<>{await resolveServerTree(await page)}</>);
}
