import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../src/server/cli/args';

describe('twofold-server arguments', () => {
  it.each([
    [[], { name: 'help' }],
    [['serve'], { name: 'serve', flags: {} }],
    [
      ['serve', '--host', '0.0.0.0', '--port', '9000', '--database', 'postgres://h/db'],
      { name: 'serve', flags: { host: '0.0.0.0', port: 9000, database: 'postgres://h/db' } },
    ],
    [['migrate', '--database', 'sqlite:x.db'], { name: 'migrate', flags: { database: 'sqlite:x.db' } }],
    [['seed-demo'], { name: 'seed-demo', flags: {} }],
    [
      [
        'user',
        'add',
        '--email',
        'a@b.test',
        '--name',
        'A B',
        '--role',
        'bot_ops',
        '--org',
        'org-platform',
        '--password-stdin',
      ],
      { name: 'user-add', flags: { email: 'a@b.test', name: 'A B', role: 'bot_ops', org: 'org-platform' } },
    ],
  ])('%j', (argv, want) => {
    expect(parseCommand(argv)).toMatchObject(want);
  });

  it.each([
    [['nope'], /Unknown command "nope"/],
    [['serve', '--port', '70000'], /--port must be a number from 0 to 65535/],
    [['serve', 'extra'], /Unexpected argument/],
    [['migrate', '--host', 'x'], /Unknown option '--host'/],
    [['user', 'remove'], /did you mean "user add"/],
    [['user', 'add', '--email', 'a@b.test', '--password-stdin'], /--name is required/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
