/** `conform tokens create|list|revoke`: manages API tokens directly in the configured store. */
import { openAccess, storeLocation } from '../app.js';
import { loadConfig } from '../config.js';
import { ROLES, type Role } from '../services/access.js';
import { envOf, EXIT, UsageError, type CliIo } from './io.js';

export async function tokensCommand(
  args: { action?: string; id?: string; role?: string; name?: string; organisation?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const config = loadConfig(envOf(io));
  const where = storeLocation(config);
  if (!where.exists && args.action !== 'create') {
    throw new UsageError(`there is no store at ${where.description}: set CONFORM_DATA_DIR (or DATABASE_URL) to the service's store, as for conform serve`);
  }
  const { access, close } = await openAccess(config);
  try {
    switch (args.action) {
      case 'create': {
        if (!args.role || !ROLES.includes(args.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        if (!args.name) throw new UsageError('--name is required: who or what the token is for');
        if (args.role === 'supplier' && !args.organisation)
          throw new UsageError('a supplier token needs --organisation <code> (its ODS code or supplier code)');
        const { token, stored } = await access.issue({ name: args.name, role: args.role as Role, organisation: args.organisation ?? null }, 'conform tokens');
        io.stdout.write(
          args.json
            ? JSON.stringify({ ...stored, token }, null, 2) + '\n'
            : `created ${stored.role} token ${stored.id} for ${stored.name}${stored.organisation ? ` (organisation ${stored.organisation})` : ''} in ${where.description}; it is shown once:\n${token}\n`,
        );
        return EXIT.ok;
      }
      case 'list': {
        const tokens = await access.list();
        if (tokens.length === 0) {
          io.stderr.write(`conform: ${where.description} has no tokens; conform serve creates an admin token on first start\n`);
          if (args.json) io.stdout.write('[]\n');
          return EXIT.ok;
        }
        io.stdout.write(
          args.json
            ? JSON.stringify(tokens, null, 2) + '\n'
            : tokens
                .map(
                  (t) =>
                    `${t.id}  ${t.role.padEnd(8)}  ${t.name}${t.organisation ? ` (${t.organisation})` : ''}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}`,
                )
                .join('\n') + '\n',
        );
        return EXIT.ok;
      }
      case 'revoke': {
        if (!args.id) throw new UsageError('give the token id: conform tokens revoke <id>');
        await access.revoke(args.id, 'conform tokens');
        io.stdout.write(`revoked ${args.id}\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError('tokens takes create, list or revoke');
    }
  } finally {
    await close();
  }
}
