using Bastion.Web.Auth;

namespace Bastion.Tests.Unit;

/// <summary>Single sign-on settings that would fail at the first sign-in stop start-up, naming the setting.</summary>
public sealed class SignInOptionsValidatorTests
{
    private static SignInOptions Valid() => new()
    {
        Oidc = new OidcOptions
        {
            Authority = "https://idp.example.test",
            ClientId = "bastion",
            ClientSecret = "do-not-print-me",
            GroupMappings = [new OidcGroupMappingOptions { Group = "ops", Roles = ["operator"] }],
        },
    };

    [Fact]
    public void ValidSettings_AndSingleSignOnOff_AreAccepted()
    {
        Assert.True(new SignInOptionsValidator().Validate(null, Valid()).Succeeded);
        Assert.True(new SignInOptionsValidator().Validate(null, new SignInOptions()).Succeeded);
    }

    [Fact]
    public void BadSettings_AreEachNamed_AndTheSecretIsNot()
    {
        var options = Valid();
        options.Oidc.Authority = "http://idp.example.test";
        options.Oidc.ClientId = "";
        options.Oidc.GroupMappings = [new OidcGroupMappingOptions { Group = "", Roles = ["root"], Groups = ["bad group"] }];

        var result = new SignInOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = result.FailureMessage;
        foreach (var setting in new[] { "Auth:Oidc:Authority", "Auth:Oidc:ClientId", "GroupMappings:0:Group", "GroupMappings:0:Roles", "GroupMappings:0:Groups" })
        {
            Assert.Contains(setting, message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("do-not-print-me", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalLoginForAdminsOnly_WithoutSingleSignOn_IsRefused()
    {
        var result = new SignInOptionsValidator().Validate(null, new SignInOptions { LocalLogin = LocalLogin.Admins });

        Assert.Contains("Auth:LocalLogin", result.FailureMessage, StringComparison.Ordinal);
    }
}
