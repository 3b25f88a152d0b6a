using System.Text.Json;
using Bastion.Core.Validation;

namespace Bastion.Tests.Web;

/// <summary>
/// The not-found and conflict replies the admin and account pages show carry a stable <c>code</c> with its values as
/// <c>args</c> (issue 14), beside the English <c>error</c>/<c>detail</c> that API users read.
/// </summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class ReplyCodesTests(BastionFixture bastion)
{
    [Fact]
    public async Task AHostNameTakenTwice_CarriesItsCodeAndTheName_AndTheEnglishError()
    {
        var name = BastionFixture.Unique("codes-host");
        Assert.Equal(201, (await bastion.Server.PostHostAsync(bastion.AdminToken, HostSpec.At("10.0.0.9", name))).Status);

        var (status, body) = await bastion.Server.PostHostAsync(bastion.AdminToken, HostSpec.At("10.0.0.9", name));

        Assert.Equal(409, status);
        AssertReply(body, ReplyCodes.HostNameTaken, $"a host named '{name}' already exists", ("name", name));
    }

    [Fact]
    public async Task UnknownUsersCredentialsAndTokens_CarryTheirNotFoundCodes_WithoutArgs()
    {
        var id = Guid.NewGuid();
        var (user, userBody) = await bastion.Server.SendAsync(HttpMethod.Post, $"/api/users/{id}/password", bastion.AdminToken, new { password = "a-long-enough-password" });
        var (credential, credentialBody) = await bastion.Server.SendAsync(HttpMethod.Delete, $"/api/credentials/{id}", bastion.AdminToken);
        var (token, tokenBody) = await bastion.Server.SendAsync(HttpMethod.Delete, $"/api/account/tokens/{id}", bastion.AdminToken);

        Assert.Equal([404, 404, 404], new[] { user, credential, token });
        AssertReply(userBody, ReplyCodes.UserNotFound, "user not found");
        AssertReply(credentialBody, ReplyCodes.CredentialNotFound, "credential not found");
        AssertReply(tokenBody, ReplyCodes.ApiTokenNotFound, "API token not found");
    }

    private static void AssertReply(JsonElement body, string code, string error, params (string Name, string Value)[] args)
    {
        Assert.True(body.TryGetProperty("code", out var sent), $"no code: {body}");
        Assert.Equal(code, sent.GetString());
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(error, body.GetProperty("detail").GetString());
        var sentArgs = body.TryGetProperty("args", out var values)
            ? values.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString())
            : [];
        Assert.Equal(args.ToDictionary(a => a.Name, a => (string?)a.Value), sentArgs);
    }
}
