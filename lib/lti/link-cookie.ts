// Owns the name of the cookie that binds a held first launch (an account link on offer) to the browser it reached.
export const LINK_COOKIE = "koza_lti_link";
