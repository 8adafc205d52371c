// Used by `npm start`: migrate, then seed, in one process (the embedded database opens once).
import { migrate } from "./db-migrate";
import { seed } from "./db-seed";
import { runCli } from "./lib/cli";

void runCli("database setup", async () => {
  await migrate();
  await seed();
});
