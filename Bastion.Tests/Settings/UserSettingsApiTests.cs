using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Settings;

namespace Bastion.Tests.Settings;

/// <summary><c>/api/me/settings</c> (issue 14): defaults until saved, bounds as field errors, a partial save keeps the
/// rest, each user only ever sees their own row, and an API token may read them but not change them.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class UserSettingsApiTests(BastionFixture bastion)
{
    [Fact]
    public async Task Get_BeforeAnySave_ReturnsTheDefaults()
    {
        var (_, _, token) = await bastion.AddUserAsync([Roles.Operator]);

        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", token);

        Assert.Equal(200, status);
        Assert.Equal(UserSettingsRules.DefaultFontSize, body.GetProperty("fontSize").GetInt32());
        Assert.Equal("dark", body.GetProperty("theme").GetString());
        Assert.Equal("block", body.GetProperty("cursorStyle").GetString());
        Assert.Equal(UserSettingsRules.DefaultScrollback, body.GetProperty("scrollback").GetInt32());
        Assert.False(body.GetProperty("copyOnSelect").GetBoolean());
    }

    [Fact]
    public async Task Put_SavesEveryField_AndAPartialPutKeepsTheRest()
    {
        var (_, _, token) = await bastion.AddUserAsync([Roles.Operator]);

        var (saved, _) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", token, new
        {
            fontSize = 20,
            fontFamily = "\"Noto Sans Mono\", monospace",
            theme = "light",
            cursorStyle = "bar",
            scrollback = 500,
            copyOnSelect = true,
        });
        var (partial, _) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", token, new { theme = "system" });
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", token);

        Assert.Equal(200, saved);
        Assert.Equal(200, partial);
        Assert.Equal(200, status);
        Assert.Equal(20, body.GetProperty("fontSize").GetInt32());
        Assert.Equal("\"Noto Sans Mono\", monospace", body.GetProperty("fontFamily").GetString());
        Assert.Equal("system", body.GetProperty("theme").GetString());
        Assert.Equal("bar", body.GetProperty("cursorStyle").GetString());
        Assert.Equal(500, body.GetProperty("scrollback").GetInt32());
        Assert.True(body.GetProperty("copyOnSelect").GetBoolean());
    }

    [Theory]
    [InlineData("fontSize", 7)]
    [InlineData("fontSize", 33)]
    [InlineData("scrollback", -1)]
    [InlineData("scrollback", 100_001)]
    [InlineData("theme", "solarized")]
    [InlineData("cursorStyle", "beam")]
    [InlineData("fontFamily", "mono; background: url(x)")]
    [InlineData("fontFamily", "x</style>")]
    public async Task Put_OutOfBounds_IsAFieldError_AndNothingIsSaved(string field, object value)
    {
        var (_, _, token) = await bastion.AddUserAsync([Roles.Operator]);

        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", token,
            new Dictionary<string, object> { [field] = value, ["fontSize"] = field == "fontSize" ? value : 18 });
        var (_, after) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", token);

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
        Assert.Equal(UserSettingsRules.DefaultFontSize, after.GetProperty("fontSize").GetInt32());
    }

    [Fact]
    public async Task Put_AFontFamilyLongerThanTheBound_IsRefused()
    {
        var (_, _, token) = await bastion.AddUserAsync([Roles.Operator]);

        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", token,
            new { fontFamily = new string('a', UserSettingsRules.MaxFontFamilyLength + 1) });

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("fontFamily", out _));
    }

    [Fact]
    public async Task Put_ByOneUser_IsNotSeenByAnother()
    {
        var (_, _, alice) = await bastion.AddUserAsync([Roles.Operator]);
        var (_, _, bob) = await bastion.AddUserAsync([Roles.Operator]);

        await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", alice, new { fontSize = 30, theme = "light" });
        await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", bob, new { fontSize = 9 });
        var (_, aliceSees) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", alice);
        var (_, bobSees) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", bob);

        Assert.Equal(30, aliceSees.GetProperty("fontSize").GetInt32());
        Assert.Equal("light", aliceSees.GetProperty("theme").GetString());
        Assert.Equal(9, bobSees.GetProperty("fontSize").GetInt32());
        Assert.Equal("dark", bobSees.GetProperty("theme").GetString());
    }

    [Fact]
    public async Task Settings_WithoutSigningIn_AreUnauthorized()
    {
        var (get, _) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", token: null);
        var (put, _) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", token: null, new { fontSize = 12 });

        Assert.Equal(401, get);
        Assert.Equal(401, put);
    }

    [Fact]
    public async Task AnApiToken_ReadsTheSettings_ButNeverChangesThemOrTheStars_WhateverItsScopes()
    {
        var (_, _, login) = await bastion.AddUserAsync([Roles.Operator]);
        await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", login, new { fontSize = 17 });
        var (created, token) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/account/tokens", login,
            new { name = BastionFixture.Unique("token"), scopes = new[] { "read", "terminal", "admin" }, expiresInDays = 7 });
        Assert.Equal(201, created);
        var secret = token.GetProperty("token").GetString();

        var (get, read) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", secret);
        var (put, _) = await bastion.Server.SendAsync(HttpMethod.Put, "/api/me/settings", secret, new { fontSize = 9 });
        var (star, _) = await bastion.Server.SendAsync(HttpMethod.Put, $"/api/me/favourites/{Guid.NewGuid()}", secret);
        var (stars, _) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/favourites", secret);
        var (_, after) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/settings", login);

        Assert.Equal((200, 17), (get, read.GetProperty("fontSize").GetInt32()));
        Assert.Equal((403, 403, 200), (put, star, stars));
        Assert.Equal(17, after.GetProperty("fontSize").GetInt32());
    }

    [Fact]
    public async Task Ready_TellsTheBrowser_TheSessionIsRecorded_AndWhetherKeystrokesAre()
    {
        var quiet = await bastion.AddHostAsync(BastionFixture.Unique("rec-out"));
        var keys = await bastion.AddHostAsync(BastionFixture.Unique("rec-in"));
        await bastion.Server.SetRecordInputAsync(keys, true);

        await using var plain = await bastion.OpenTerminalAsync(quiet);
        await using var input = await bastion.OpenTerminalAsync(keys);
        await plain.WaitForAsync(c => c.Ready, "ready");
        await input.WaitForAsync(c => c.Ready, "ready");

        var plainReady = ReadyOf(plain);
        var inputReady = ReadyOf(input);
        Assert.True(plainReady.GetProperty("recorded").GetBoolean());
        Assert.False(plainReady.GetProperty("recordInput").GetBoolean());
        Assert.True(inputReady.GetProperty("recorded").GetBoolean());
        Assert.True(inputReady.GetProperty("recordInput").GetBoolean());
    }

    private static JsonElement ReadyOf(TerminalClient client) =>
        client.Others.First(m => m.TryGetProperty("flag", out var flag) && flag.GetString() == "ready");
}
