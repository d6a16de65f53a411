/** The seeded demo users a service hands out, each to one test only, so tests never share 2FA state. */
export interface SeededUser {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: string;
  readonly orgName: string;
}

export function userPool(users: readonly SeededUser[]) {
  const taken = new Set<string>();
  return (accept: (u: SeededUser) => boolean = () => true): SeededUser => {
    const user = users.find((u) => !taken.has(u.email) && accept(u));
    if (!user) throw new Error('The seeded demo data has no unused user left for this test; seed more or use fewer.');
    taken.add(user.email);
    return user;
  };
}
