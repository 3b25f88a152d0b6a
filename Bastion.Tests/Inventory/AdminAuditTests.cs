using System.Text.Json;
using Bastion.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Inventory;

/// <summary>Every admin change is an audit event with who and the before/after values.</summary>
public sealed class AdminAuditTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task EveryAdminChange_IsAnAuditEvent_WithActorAndBeforeAfter()
    {
        var audit = new CapturingAuditLog();
        await using var bastion = await BastionFixture.StartAsync(sshd.Server, configureServices: s => s.AddSingleton<IAuditLog>(audit));
        var (server, token) = (bastion.Server, bastion.AdminToken);

        var hostId = await bastion.AddHostAsync("audited", fingerprint: null);
        await server.UpdateHostAsync(token, hostId, HostSpec.For(sshd.Server, "audited").WithoutSecret().Unpinned() with { Description = "changed" });
        await server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", token);
        await server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", token, new { fingerprint = sshd.Server.HostKeyFingerprint });
        var (_, credential) = await server.SendAsync(HttpMethod.Post, "/api/credentials", token, new { name = "shared", password = "p1" });
        await server.SendAsync(HttpMethod.Put, $"/api/credentials/{credential.GetProperty("id").GetString()}", token, new { name = "shared", password = "p2" });
        var (userId, _) = await server.CreateUserAsync(token, "audited-user", ["operator"]);
        await server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", token, new { roles = new[] { "operator", "auditor" } });
        await server.SendAsync(HttpMethod.Post, $"/api/users/{userId}/password", token, new { password = "another-long-password" });
        var grantId = await server.GrantAsync(token, new { userId, hostId });
        await server.SendAsync(HttpMethod.Delete, $"/api/grants/{grantId}", token);
        await server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", token, new { disabled = true });
        await server.SendAsync(HttpMethod.Delete, $"/api/hosts/{hostId}", token);

        // Only admin changes: the audit store also records the logins and tickets around them.
        var events = audit.Events.Where(e => !e.Type.StartsWith("auth.", StringComparison.Ordinal) && !e.Type.StartsWith("ticket.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["host.created", "host.updated", "host.key.scanned", "host.key.approved", "credential.created", "credential.rotated", "user.created",
             "user.updated", "user.password_reset", "grant.created", "grant.revoked", "user.disabled", "host.deleted"],
            events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("admin", e.Actor));
        var approved = events.Single(e => e.Type == "host.key.approved");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(approved.Data["before"]!).RootElement.GetProperty("fingerprint").ValueKind);
        Assert.Equal(sshd.Server.HostKeyFingerprint, JsonDocument.Parse(approved.Data["after"]!).RootElement.GetProperty("fingerprint").GetString());
        var updated = events.Single(e => e.Type == "host.updated");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(updated.Data["before"]!).RootElement.GetProperty("description").ValueKind);
        Assert.Equal("changed", JsonDocument.Parse(updated.Data["after"]!).RootElement.GetProperty("description").GetString());
        Assert.DoesNotContain("p2", audit.AllText().Split('"'));
    }
}
