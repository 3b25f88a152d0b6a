using Bastion.Core.Access;

namespace Bastion.Tests.Unit;

/// <summary>The password rules: length, and not one of the bundled list of common passwords.</summary>
public sealed class PasswordPolicyTests
{
    [Fact]
    public void BundledList_HasTenThousandPasswords() => Assert.Equal(10_000, CommonPasswords.Count);

    [Theory]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("123qweasdzxc")]
    [InlineData("Q1W2E3R4T5Y6")] // the list is lower case; the check is not
    public void ACommonPasswordOfTwelveCharacters_IsRefused(string password) =>
        Assert.Equal(PasswordPolicy.CommonError, PasswordPolicy.Error(password));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eleven-char")]
    public void AShortPassword_IsRefusedForItsLength(string? password) =>
        Assert.Equal(PasswordPolicy.LengthError, PasswordPolicy.Error(password));

    [Fact]
    public void AnUncommonPasswordOfTwelveCharacters_IsAccepted() => Assert.Null(PasswordPolicy.Error("correct horse battery"));
}
