namespace Bastion.Tests.Access;

/// <summary>What a new grant allows when it sets no transfer flag (issue 14: <c>Transfer:DefaultAllow</c>), told to the
/// admin's form by <c>GET /api/grants/defaults</c> so its boxes start at the setting and a box left there sends nothing.</summary>
public sealed class GrantDefaultsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheDefaults_FollowTheSetting_AndAGrantWithoutFlagsAllowsWhatTheySay(bool defaultAllow)
    {
        await using var bastion = await BastionFixture.StartAsync(sshd: null, new Dictionary<string, string>
        {
            ["Transfer:DefaultAllow"] = defaultAllow ? "true" : "false",
        }).WithTimeout();
        var server = bastion.Server;
        var hostId = await bastion.AddHostAsync(HostSpec.At("10.1.0.9", "files-host"));
        var (userId, operatorToken) = await server.CreateUserAsync(bastion.AdminToken, "files-user", ["operator"]);

        var (status, defaults) = await server.SendAsync(HttpMethod.Get, "/api/grants/defaults", bastion.AdminToken).WithTimeout();
        Assert.Equal(200, status);
        Assert.Equal(defaultAllow, defaults.GetProperty("allowUpload").GetBoolean());
        Assert.Equal(defaultAllow, defaults.GetProperty("allowDownload").GetBoolean());

        var (created, grant) = await server.SendAsync(HttpMethod.Post, "/api/grants", bastion.AdminToken, new { userId, hostId }).WithTimeout();
        Assert.Equal(201, created);
        Assert.Equal(defaultAllow, grant.GetProperty("allowUpload").GetBoolean());
        Assert.Equal(defaultAllow, grant.GetProperty("allowDownload").GetBoolean());

        var (refused, _) = await server.SendAsync(HttpMethod.Get, "/api/grants/defaults", operatorToken).WithTimeout();
        Assert.Equal(403, refused);
    }
}
