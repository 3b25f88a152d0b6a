using System.Text.Json;
using Bastion.Core.Access;

namespace Bastion.Tests.Auth;

/// <summary>The password rules where passwords are set through the API: a field error per field, in ProblemDetails.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class PasswordPolicyApiTests(BastionFixture bastion)
{
    [Fact]
    public async Task CreateUser_WithACommonPassword_IsAPasswordFieldError()
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/users", bastion.AdminToken,
            new { username = BastionFixture.Unique("common"), password = "1qaz2wsx3edc", roles = new[] { Roles.Operator } });

        Assert.Equal(400, status);
        Assert.Equal([PasswordPolicy.CommonError.Text], FieldErrors(body, "password"));
    }

    [Fact]
    public async Task ResetPassword_WithACommonOrShortPassword_IsAPasswordFieldError_AndTheOldPasswordStillWorks()
    {
        var (id, name, _) = await bastion.AddUserAsync([Roles.Operator]);

        var (common, commonBody) = await bastion.Server.SendAsync(HttpMethod.Post, $"/api/users/{id}/password", bastion.AdminToken, new { password = "123qweasdzxc" });
        var (shortStatus, shortBody) = await bastion.Server.SendAsync(HttpMethod.Post, $"/api/users/{id}/password", bastion.AdminToken, new { password = "short" });

        Assert.Equal(400, common);
        Assert.Equal([PasswordPolicy.CommonError.Text], FieldErrors(commonBody, "password"));
        Assert.Equal(400, shortStatus);
        Assert.Equal([PasswordPolicy.LengthError.Text], FieldErrors(shortBody, "password"));
        Assert.False(string.IsNullOrEmpty(await bastion.Server.LoginAsync(name, AdminApi.UserPassword)));
    }

    private static string[] FieldErrors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];
}
