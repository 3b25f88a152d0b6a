using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Validation;

namespace Bastion.Tests.Web;

/// <summary>
/// A form's field errors reach the browser as codes with their values (issue 14), beside the English messages and an
/// English <c>detail</c> for API users: the host, credential, user, grant and settings forms; a sign-in refusal carries
/// its problem <c>code</c>.
/// </summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class FormProblemCodesTests(BastionFixture bastion)
{
    [Fact]
    public async Task AHostFormWithBadFields_CarriesACodePerField_AndAnEnglishDetail()
    {
        var (status, body) = await bastion.Server.PostHostAsync(bastion.AdminToken, new HostSpec
        {
            Name = "",
            Address = "has space",
            Port = 70000,
            Username = "",
            PrivateKey = "-----BEGIN NONSENSE-----",
            HostKeyFingerprint = "MD5:aa:bb",
        });

        Assert.Equal(400, status);
        AssertCode(body, "name", FieldCodes.NameLength, ("max", "100"));
        AssertCode(body, "address", FieldCodes.AddressRequired);
        AssertCode(body, "port", FieldCodes.PortRange);
        AssertCode(body, "username", FieldCodes.LoginLength, ("max", "64"));
        AssertCode(body, "privateKey", FieldCodes.KeyUnreadable);
        AssertCode(body, "hostKeyFingerprint", FieldCodes.FingerprintFormat);
        Assert.Equal(["port must be 1 to 65535"], Messages(body, "port"));
        Assert.Contains("port: port must be 1 to 65535", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCredentialUserGrantAndSettingsForms_CarryCodesWithTheirValues()
    {
        var (credential, credentialBody) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/credentials", bastion.AdminToken, new { name = "", username = "x" });
        var (user, userBody) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/users", bastion.AdminToken,
            new { username = BastionFixture.Unique("codes"), password = "short", roles = new[] { "nobody" } });
        var (grant, grantBody) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/grants", bastion.AdminToken, new { });
        var (settings, settingsBody) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", bastion.AdminToken, new { fontSize = 99 });

        Assert.Equal([400, 400, 400, 400], new[] { credential, user, grant, settings });
        AssertCode(credentialBody, "name", FieldCodes.NameLength, ("max", "100"));
        AssertCode(credentialBody, "password", FieldCodes.CredentialSecretRequired);
        AssertCode(userBody, "password", FieldCodes.PasswordLength, ("min", "12"), ("max", "1024"));
        AssertCode(userBody, "roles", FieldCodes.RolesUnknown, ("roles", string.Join(", ", Roles.All)));
        AssertCode(grantBody, "userId", FieldCodes.GrantOneSubject);
        AssertCode(grantBody, "hostId", FieldCodes.GrantOneTarget);
        AssertCode(settingsBody, "fontSize", FieldCodes.FontSizeRange, ("min", "8"), ("max", "32"));
        Assert.Equal(["the font size is 8 to 32"], Messages(settingsBody, "fontSize"));
    }

    [Fact]
    public async Task ASignInWithAWrongPassword_CarriesTheInvalidCredentialsCode_AndTheEnglishError()
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/auth/token", null,
            new { username = BastionFixture.Unique("nobody"), password = "not-the-password" });

        Assert.Equal(401, status);
        Assert.Equal("invalid_credentials", body.GetProperty("code").GetString());
        Assert.Equal("invalid username or password", body.GetProperty("error").GetString());
    }

    private static void AssertCode(JsonElement problem, string field, string code, params (string Name, string Value)[] args)
    {
        Assert.True(problem.TryGetProperty("codes", out var codes), $"no codes: {problem}");
        Assert.True(codes.TryGetProperty(field, out var entries), $"no code for {field}: {codes}");
        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal(code, entry.GetProperty("code").GetString());
        var sent = entry.GetProperty("args").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(args.ToDictionary(a => a.Name, a => (string?)a.Value), sent);
    }

    private static string[] Messages(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];
}
