using System.Net.WebSockets;
using Bastion.Testing;

namespace Bastion.Tests.Inventory;

/// <summary>Scan, approve, re-key and known_hosts import against real sshd processes.</summary>
public sealed class HostKeyReviewTests : IAsyncLifetime
{
    private SshdServer _sshd = null!;
    private BastionServer _server = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _sshd = new SshdServer();
        await _sshd.StartAsync(CancellationToken.None).WithTimeout();
        _server = await BastionServer.StartAsync();
        _token = await _server.LoginAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sshd.DisposeAsync();
    }

    [Fact]
    public async Task Scan_ThenApprove_ThenConnect_Works_AndTheScanSendsNoCredential()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd, fingerprint: null);
        var mark = _sshd.LogLength;

        var (scanStatus, scan) = await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", _token);

        Assert.Equal(200, scanStatus);
        Assert.Equal(_sshd.HostKeyFingerprint, scan.GetProperty("fingerprint").GetString());
        Assert.Equal("ssh-ed25519", scan.GetProperty("keyType").GetString());
        await _sshd.WaitForConnectionsToEndAsync(mark);
        Assert.False(_sshd.LogShowsAuthenticationAttempt(mark), _sshd.LogSince(mark));
        var (_, pending) = await _server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", _token);
        Assert.Equal(_sshd.HostKeyFingerprint, Assert.Single(pending.EnumerateArray()).GetProperty("fingerprint").GetString());

        var (approveStatus, approved) = await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", _token,
            new { fingerprint = scan.GetProperty("fingerprint").GetString() });

        Assert.Equal(200, approveStatus);
        Assert.Equal(_sshd.HostKeyFingerprint, approved.GetProperty("hostKeyFingerprint").GetString());
        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.SendInputAsync("echo scanned-$((20+1))\r");
        await terminal.WaitForOutputAsync("scanned-21");
        var (_, after) = await _server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", _token);
        Assert.Equal(0, after.GetArrayLength());
    }

    [Fact]
    public async Task Approve_AFingerprintOtherThanThePendingOne_IsRefused()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd, fingerprint: null);
        await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", _token);

        var (status, _) = await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", _token,
            new { fingerprint = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=') });

        Assert.Equal(409, status);
        var (_, host) = await _server.SendAsync(HttpMethod.Get, $"/api/hosts/{hostId}", _token);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, host.GetProperty("hostKeyFingerprint").ValueKind);
    }

    [Fact]
    public async Task RegeneratedHostKey_IsRefused_AndAppearsAsPending_WithoutRepinning()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd);
        var oldKey = _sshd.HostKeyFingerprint;
        await _sshd.RegenerateHostKeyAndRestartAsync().WithTimeout();

        await using (var terminal = await _server.OpenTerminalAsync(_token, hostId))
        {
            await terminal.WaitForCloseAsync();
            Assert.Equal("host_key_mismatch", Assert.Single(terminal.Errors).GetProperty("code").GetString());
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, terminal.CloseStatus);
        }

        var (_, pending) = await _server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", _token);
        var entry = Assert.Single(pending.EnumerateArray());
        Assert.Equal(_sshd.HostKeyFingerprint, entry.GetProperty("fingerprint").GetString());
        Assert.Equal(oldKey, entry.GetProperty("pinnedFingerprint").GetString());
        Assert.Equal("connect", entry.GetProperty("source").GetString());
        var (_, host) = await _server.SendAsync(HttpMethod.Get, $"/api/hosts/{hostId}", _token);
        Assert.Equal(oldKey, host.GetProperty("hostKeyFingerprint").GetString());

        // After review, approving the new key lets sessions through again.
        await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/approve", _token, new { fingerprint = _sshd.HostKeyFingerprint });
        await using var again = await _server.OpenTerminalAsync(_token, hostId);
        await again.SendInputAsync("echo rekeyed-$((1+2))\r");
        await again.WaitForOutputAsync("rekeyed-3");
    }

    [Fact]
    public async Task KnownHostsImport_PinsUnpinnedHosts_AndQueuesDifferentKeysForReview()
    {
        var unpinned = await _server.AddHostAsync(_token, _sshd, fingerprint: null);
        var wrongPin = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var pinnedElsewhere = await _server.AddHostAsync(_token, _sshd, fingerprint: wrongPin);
        var text = $"# ssh-keyscan -p {_sshd.Port} 127.0.0.1\n[{_sshd.Host}]:{_sshd.Port} {_sshd.HostKeyPublicLine}\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";

        var (status, result) = await _server.SendAsync(HttpMethod.Post, "/api/hosts/import/known-hosts", _token, new { text });

        Assert.Equal(200, status);
        Assert.Equal(1, result.GetProperty("pinned").GetInt32());
        Assert.Equal(1, result.GetProperty("pending").GetInt32());
        Assert.Contains("other.example", result.GetProperty("unmatched").EnumerateArray().Select(e => e.GetString()));
        var (_, host) = await _server.SendAsync(HttpMethod.Get, $"/api/hosts/{unpinned}", _token);
        Assert.Equal(_sshd.HostKeyFingerprint, host.GetProperty("hostKeyFingerprint").GetString());
        var (_, other) = await _server.SendAsync(HttpMethod.Get, $"/api/hosts/{pinnedElsewhere}", _token);
        Assert.Equal(wrongPin, other.GetProperty("hostKeyFingerprint").GetString());
        var (_, pending) = await _server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", _token);
        Assert.Equal(pinnedElsewhere, Assert.Single(pending.EnumerateArray()).GetProperty("hostId").GetString());
    }
}
