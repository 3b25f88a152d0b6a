namespace Bastion.Tests.Infrastructure;

/// <summary>Tests marked <c>[Collection(SyslogCollectionDefinition.Name)]</c> share one <see cref="SyslogFixture"/>
/// (rsyslogd on TCP and on TLS, an sshd) and run serially.</summary>
[CollectionDefinition(Name)]
public sealed class SyslogCollectionDefinition : ICollectionFixture<SyslogFixture>
{
    public const string Name = "syslog";
}
