using System.Net.Sockets;
using System.Text.RegularExpressions;
using Bastion.Core.Ssh;
using Renci.SshNet.Common;

namespace Bastion.Tests.Unit;

/// <summary>
/// Every connection failure <see cref="SshFailures"/> writes comes with a <see cref="FailureDetail"/> (issue 14): a
/// code the client has words for in both languages, with every value those words name. The English message stays
/// beside it, unchanged, for API users.
/// </summary>
public sealed partial class FailureDetailTests
{
    private const string Pinned = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string Offered = "SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private static readonly SshTarget s_target = new() { HostName = "db-1", Address = "10.0.0.9", Port = 2222, UserName = "deploy", PinnedFingerprint = Pinned };

    public static TheoryData<string, string> Cases => new()
    {
        { "mismatch", FailureDetailCodes.KeyMismatch },
        { "unpinned", FailureDetailCodes.KeyUnpinned },
        { "auth", FailureDetailCodes.CredentialsRefused },
        { "refused", FailureDetailCodes.ConnectionRefused },
        { "dns", FailureDetailCodes.UnknownHostName },
        { "route", FailureDetailCodes.NoRoute },
        { "socket", FailureDetailCodes.SocketError },
        { "timeout", FailureDetailCodes.TimedOut },
        { "ssh-connection", FailureDetailCodes.ConnectionFailed },
        { "ssh", FailureDetailCodes.HostRefused },
        { "other", FailureDetailCodes.ConnectionFailed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachFailure_HasADetailCode_WithEveryValueItsWordsName(string failure, string code)
    {
        var result = Classify(failure);

        Assert.NotNull(result.Detail);
        Assert.Equal(code, result.Detail.Code);
        Assert.Equal("db-1", result.Detail.Args["host"]);
        Assert.All(result.Detail.Args.Values, value => Assert.Contains(value, result.Message!, StringComparison.Ordinal));
        foreach (var table in new[] { "strings-en.ts", "strings-zh-CN.ts" })
        {
            var words = Words(table, $"detail_{code}");
            Assert.All(Placeholders().Matches(words).Select(m => m.Groups[1].Value), name => Assert.True(result.Detail.Args.ContainsKey(name),
                $"{table}: detail_{code} names {{{name}}}, which the server does not send"));
        }
    }

    [Fact]
    public void AMismatch_SaysWhichKeyWasPinned_AndWhichWasOffered()
    {
        var detail = Classify("mismatch").Detail!;

        Assert.Equal(("db-1", Pinned, Offered), (detail.Args["host"], detail.Args["expected"], detail.Args["offered"]));
    }

    [Fact]
    public void AFailureAtTheGateway_NamesTheGateway_AndTheTargetBehindIt()
    {
        var detail = Classify("refused").Detail!.AtGatewayFor("app-7");

        Assert.Equal(("db-1", "app-7", "2222"), (detail.Args["host"], detail.Args[FailureDetail.GatewayForArg], detail.Args["port"]));
        foreach (var table in new[] { "strings-en.ts", "strings-zh-CN.ts" })
        {
            var words = Words(table, "detailGateway");
            Assert.Contains("{gateway}", words, StringComparison.Ordinal);
            Assert.Contains("{host}", words, StringComparison.Ordinal);
            Assert.Contains("{detail}", words, StringComparison.Ordinal);
        }
    }

    private static SshConnectResult Classify(string failure) => failure switch
    {
        "mismatch" => SshFailures.Classify(new SshConnectionException("Key exchange negotiation failed."), s_target, Offered),
        "unpinned" => SshFailures.Classify(new SshConnectionException("Key exchange negotiation failed."), s_target with { PinnedFingerprint = null }, Offered),
        "auth" => SshFailures.Classify(new SshAuthenticationException("Permission denied (password)."), s_target, Pinned),
        "refused" => SshFailures.Classify(new SocketException((int)SocketError.ConnectionRefused), s_target, null),
        "dns" => SshFailures.Classify(new SocketException((int)SocketError.HostNotFound), s_target, null),
        "route" => SshFailures.Classify(new SocketException((int)SocketError.HostUnreachable), s_target, null),
        "socket" => SshFailures.Classify(new SocketException((int)SocketError.ConnectionReset), s_target, null),
        "timeout" => SshFailures.Classify(new SshOperationTimeoutException("timed out"), s_target, null),
        "ssh-connection" => SshFailures.Classify(new SshConnectionException("An established connection was aborted by the server."), s_target, Pinned),
        "ssh" => SshFailures.Classify(new SshException("Channel was closed."), s_target, Pinned),
        _ => SshFailures.Classify(new InvalidDataException("bad"), s_target, Pinned),
    };

    /// <summary>The words of <paramref name="key"/> in a client string table.</summary>
    private static string Words(string table, string key)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "client", "src", table));
        var match = Regex.Match(text, $@"^  {Regex.Escape(key)}: '((?:[^'\\]|\\.)*)',$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{table} has no {key}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholders();
}
