using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Cluster;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>
/// The WebAuthn ceremonies (the <c>Fido2</c> package) for passkeys as a second factor: registration from the account
/// page, assertion at login and on a step-up prompt. The relying party is the page's own origin (as for the
/// terminal's Origin check): its host name is the RP ID, so a passkey registered on one name works only there.
/// Registration and step-up options wait per user for at most <see cref="OptionsLifetime"/> (one pending each, so
/// bounded by the user count), shared by the nodes through the bus (<see cref="SharedStash"/>, taken once), so the
/// browser's answer may reach another node than the options did (issue 10); login assertion options ride on the
/// login's <see cref="MfaChallenges"/> entry.
/// </summary>
internal sealed partial class PasskeyCeremony(IOptions<AccountSecurityOptions> options, TimeProvider time, IClusterBus bus, ILogger<PasskeyCeremony> logger)
{
    public static readonly TimeSpan OptionsLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Pending ceremonies of each kind held in this process at once.</summary>
    public const int Capacity = 100_000;

    private readonly SharedStash _registrations = new(bus, time, "passkey-register", Capacity);
    private readonly SharedStash _stepUps = new(bus, time, "passkey-stepup", Capacity);

    public async Task<string> CreationOptionsAsync(User user, HttpContext context, Passkeys passkeys, CancellationToken cancellationToken)
    {
        var existing = await passkeys.CredentialIdsAsync(user.Id, cancellationToken);
        var created = For(context).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = user.Id.ToByteArray(), Name = user.UserName, DisplayName = user.UserName },
            ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))],
            AuthenticatorSelection = new AuthenticatorSelection { UserVerification = UserVerificationRequirement.Preferred, ResidentKey = ResidentKeyRequirement.Discouraged },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = created.ToJson();
        await _registrations.PutAsync(user.Id.ToString("N"), json, OptionsLifetime);
        return json;
    }

    /// <summary>Checks the browser's attestation against the pending options; the new passkey (not yet saved), or null.</summary>
    public async Task<Passkey?> RegisterAsync(User user, string name, JsonElement attestation, HttpContext context, Passkeys passkeys, CancellationToken cancellationToken)
    {
        if (await _registrations.TakeAsync(user.Id.ToString("N")) is not { } pending)
        {
            return null;
        }

        try
        {
            var response = attestation.Deserialize<AuthenticatorAttestationRawResponse>();
            if (response is null)
            {
                return null;
            }

            var credential = await For(context).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(pending),
                IsCredentialIdUniqueToUserCallback = (args, ct) => passkeys.IsUnusedAsync(args.CredentialId, ct),
            }, cancellationToken);
            return new Passkey
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Name = name,
                CredentialId = credential.Id,
                PublicKey = credential.PublicKey,
                SignCount = credential.SignCount,
                CreatedAt = time.GetUtcNow(),
            };
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or FormatException)
        {
            Log.Refused(logger, "registration", e.Message);
            return null;
        }
    }

    /// <summary>Assertion options for the user's passkeys as JSON, or null when they have none.</summary>
    public async Task<string?> AssertionOptionsAsync(Guid userId, HttpContext context, CancellationToken cancellationToken)
    {
        var ids = await context.RequestServices.GetRequiredService<Passkeys>().CredentialIdsAsync(userId, cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        return For(context).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. ids.Select(id => new PublicKeyCredentialDescriptor(id))],
            UserVerification = UserVerificationRequirement.Preferred,
        }).ToJson();
    }

    /// <summary>Step-up assertion options, kept for the user's next <see cref="VerifyStepUpAsync"/>.</summary>
    public async Task<string?> StepUpOptionsAsync(Guid userId, HttpContext context, CancellationToken cancellationToken)
    {
        var json = await AssertionOptionsAsync(userId, context, cancellationToken);
        if (json is not null)
        {
            await _stepUps.PutAsync(userId.ToString("N"), json, OptionsLifetime);
        }

        return json;
    }

    public async Task<bool> VerifyStepUpAsync(Guid userId, JsonElement assertion, HttpContext context, CancellationToken cancellationToken) =>
        await _stepUps.TakeAsync(userId.ToString("N")) is { } pending && await VerifyAsync(userId, pending, assertion, context, cancellationToken);

    /// <summary>Checks an assertion against options issued for this user; updates the passkey's counter and use time.</summary>
    public async Task<bool> VerifyAsync(Guid userId, string optionsJson, JsonElement assertion, HttpContext context, CancellationToken cancellationToken)
    {
        var passkeys = context.RequestServices.GetRequiredService<Passkeys>();
        try
        {
            var response = assertion.Deserialize<AuthenticatorAssertionRawResponse>();
            if (response is null)
            {
                return false;
            }

            var rawId = response.RawId;
            var passkey = await passkeys.FindByCredentialAsync(userId, rawId, cancellationToken);
            if (passkey is null)
            {
                return false;
            }

            var result = await For(context).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle is null || args.UserHandle.AsSpan().SequenceEqual(userId.ToByteArray())),
            }, cancellationToken);
            await passkeys.RecordUseAsync(passkey, result.SignCount, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or FormatException)
        {
            Log.Refused(logger, "assertion", e.Message);
            return false;
        }
    }

    private Fido2 For(HttpContext context) => new(new Fido2Configuration
    {
        RPID = context.Request.Host.Host,
        RPName = options.Value.PasskeyRelyingPartyName,
        Origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { $"{context.Request.Scheme}://{context.Request.Host}" },
    });

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Passkey {Ceremony} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string ceremony, string reason);
    }
}
