using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// The rules of single sign-on (issue 11): a provider account is matched on its issuer and subject, never on its
/// name; its roles and user groups come from the mapped groups on every sign-in, so removing someone from a group at
/// the provider takes effect at their next sign-in; a user in no mapped group is refused; a new user is created only
/// when <see cref="ExternalSignInRules.CreateUsers"/> is on, without a local password, and never over an existing
/// local user of the same name.
/// </summary>
internal sealed class ExternalSignIn(BastionDbContext db, TimeProvider time)
{
    public async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, ExternalSignInRules rules, CancellationToken cancellationToken)
    {
        // 1. Which roles and user groups the provider's groups give; none is a refusal before anything is looked up.
        var mapped = rules.Mappings.Where(m => identity.Groups.Contains(m.Group, StringComparer.Ordinal)).ToList();
        var roles = mapped.SelectMany(m => m.Roles).Where(Roles.All.Contains).Distinct(StringComparer.Ordinal).ToList();
        var groups = mapped.SelectMany(m => m.Groups).Where(g => HostTags.IsValidName(g.Trim())).ToList();
        if (mapped.Count == 0)
        {
            return ExternalSignInResult.Refused(ExternalSignInOutcome.NotPermitted, ReplyMessages.SsoNotPermitted);
        }

        // 2. A known provider account: bring its roles and groups up to date.
        var user = await db.Users.FirstOrDefaultAsync(u => u.ExternalIssuer == identity.Issuer && u.ExternalSubject == identity.Subject, cancellationToken);
        if (user is not null)
        {
            if (user.Disabled)
            {
                return ExternalSignInResult.Refused(ExternalSignInOutcome.Disabled, ReplyMessages.AccountDisabled);
            }

            user.Roles = string.Join(',', roles);
            user.Groups = HostTags.FormatGroups(groups);
            await db.SaveChangesAsync(cancellationToken);
            return ExternalSignInResult.Done(ExternalSignInOutcome.SignedIn, user);
        }

        // 3. A new one: created just in time, if allowed, under a name no local user has.
        if (!rules.CreateUsers)
        {
            return ExternalSignInResult.Refused(ExternalSignInOutcome.NoAccount, ReplyMessages.SsoNoAccount);
        }

        var name = UserNamePolicy.Normalize(identity.UserName);
        if (UserNamePolicy.Error(name) is not null)
        {
            return ExternalSignInResult.Refused(ExternalSignInOutcome.InvalidName, ReplyMessages.SsoInvalidName);
        }

        if (await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            return ExternalSignInResult.Refused(ExternalSignInOutcome.NameTaken, ReplyMessages.SsoNameTaken);
        }

        user = new User
        {
            Id = Guid.NewGuid(),
            UserName = name,
            PasswordHash = "", // no local password: PasswordHasher fails every check against an empty hash
            Roles = string.Join(',', roles),
            Groups = HostTags.FormatGroups(groups),
            ExternalIssuer = identity.Issuer,
            ExternalSubject = identity.Subject,
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return ExternalSignInResult.Done(ExternalSignInOutcome.Created, user);
    }
}
