using System.Net.WebSockets;

namespace Bastion.Tests.Inventory;

/// <summary>Scan, approve, re-key and known_hosts import against real sshd processes.</summary>
public sealed class HostKeyReviewTests : IAsyncLifetime
{
    // A deployment with an sshd of its own per test: these tests stop, restart or re-key it.
    private readonly BastionFixture _bastion = new();

    private SshdServer Sshd => _bastion.Sshd;

    private BastionServer Server => _bastion.Server;

    private string Token => _bastion.AdminToken;

    public Task InitializeAsync() => _bastion.InitializeAsync();

    public Task DisposeAsync() => _bastion.DisposeAsync().AsTask();

    [Fact]
    public async Task Scan_ThenApprove_ThenConnect_Works_AndTheScanSendsNoCredential()
    {
        var hostId = await Server.AddHostAsync(Token, Sshd, fingerprint: null);
        var mark = Sshd.LogLength;

        var (scanStatus, scan) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", Token);

        Assert.Equal(200, scanStatus);
        Assert.Equal(Sshd.HostKeyFingerprint, scan.GetProperty("fingerprint").GetString());
        Assert.Equal("ssh-ed25519", scan.GetProperty("keyType").GetString());
        await Sshd.WaitForConnectionsToEndAsync(mark);
        Assert.False(Sshd.LogShowsAuthenticationAttempt(mark), Sshd.LogSince(mark));
        var (_, pending) = await Server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", Token);
        Assert.Equal(Sshd.HostKeyFingerprint, Assert.Single(pending.EnumerateArray()).GetProperty("fingerprint").GetString());

        var (approveStatus, approved) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", Token,
            new { fingerprint = scan.GetProperty("fingerprint").GetString() });

        Assert.Equal(200, approveStatus);
        Assert.Equal(Sshd.HostKeyFingerprint, approved.GetProperty("hostKeyFingerprint").GetString());
        await using var terminal = await Server.OpenTerminalAsync(Token, hostId);
        await terminal.SendInputAsync("echo scanned-$((20+1))\r");
        await terminal.WaitForOutputAsync("scanned-21");
        var (_, after) = await Server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", Token);
        Assert.Equal(0, after.GetArrayLength());
    }

    [Fact]
    public async Task Approve_AFingerprintOtherThanThePendingOne_IsRefused()
    {
        var hostId = await Server.AddHostAsync(Token, Sshd, fingerprint: null);
        await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", Token);

        var (status, _) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", Token,
            new { fingerprint = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=') });

        Assert.Equal(409, status);
        var (_, host) = await Server.SendAsync(HttpMethod.Get, $"/api/hosts/{hostId}", Token);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, host.GetProperty("hostKeyFingerprint").ValueKind);
    }

    [Fact]
    public async Task RegeneratedHostKey_IsRefused_AndAppearsAsPending_WithoutRepinning()
    {
        var hostId = await Server.AddHostAsync(Token, Sshd);
        var oldKey = Sshd.HostKeyFingerprint;
        await Sshd.RegenerateHostKeyAndRestartAsync().WithTimeout();

        await using (var terminal = await Server.OpenTerminalAsync(Token, hostId))
        {
            await terminal.WaitForCloseAsync();
            Assert.Equal("host_key_mismatch", Assert.Single(terminal.Errors).GetProperty("code").GetString());
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, terminal.CloseStatus);
        }

        var (_, pending) = await Server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", Token);
        var entry = Assert.Single(pending.EnumerateArray());
        Assert.Equal(Sshd.HostKeyFingerprint, entry.GetProperty("fingerprint").GetString());
        Assert.Equal(oldKey, entry.GetProperty("pinnedFingerprint").GetString());
        Assert.Equal("connect", entry.GetProperty("source").GetString());
        var (_, host) = await Server.SendAsync(HttpMethod.Get, $"/api/hosts/{hostId}", Token);
        Assert.Equal(oldKey, host.GetProperty("hostKeyFingerprint").GetString());

        // After review, approving the new key lets sessions through again.
        await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", Token, new { fingerprint = Sshd.HostKeyFingerprint });
        await using var again = await Server.OpenTerminalAsync(Token, hostId);
        await again.SendInputAsync("echo rekeyed-$((1+2))\r");
        await again.WaitForOutputAsync("rekeyed-3");
    }

    [Fact]
    public async Task KnownHostsImport_PinsUnpinnedHosts_AndQueuesDifferentKeysForReview()
    {
        var unpinned = await Server.AddHostAsync(Token, Sshd, fingerprint: null);
        var wrongPin = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var pinnedElsewhere = await Server.AddHostAsync(Token, Sshd, fingerprint: wrongPin);
        var text = $"# ssh-keyscan -p {Sshd.Port} 127.0.0.1\n[{Sshd.Host}]:{Sshd.Port} {Sshd.HostKeyPublicLine}\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";

        var (status, result) = await Server.SendAsync(HttpMethod.Post, "/api/hosts/import/known-hosts", Token, new { text });

        Assert.Equal(200, status);
        Assert.Equal(1, result.GetProperty("pinned").GetInt32());
        Assert.Equal(1, result.GetProperty("pending").GetInt32());
        Assert.Contains("other.example", result.GetProperty("unmatched").EnumerateArray().Select(e => e.GetString()));
        var (_, host) = await Server.SendAsync(HttpMethod.Get, $"/api/hosts/{unpinned}", Token);
        Assert.Equal(Sshd.HostKeyFingerprint, host.GetProperty("hostKeyFingerprint").GetString());
        var (_, other) = await Server.SendAsync(HttpMethod.Get, $"/api/hosts/{pinnedElsewhere}", Token);
        Assert.Equal(wrongPin, other.GetProperty("hostKeyFingerprint").GetString());
        var (_, pending) = await Server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", Token);
        Assert.Equal(pinnedElsewhere, Assert.Single(pending.EnumerateArray()).GetProperty("hostId").GetString());
    }
}
