using Bastion.Core.Ssh;

namespace Bastion.Tests.Unit;

public sealed class HostKeyFingerprintTests
{
    private const string Valid = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    [Theory]
    [InlineData(Valid)]
    [InlineData("uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")]
    [InlineData("uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s=")]
    [InlineData("  sha256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s ")]
    public void Normalize_AcceptsWhatAdminsPaste(string input) => Assert.Equal(Valid, HostKeyFingerprint.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")]
    [InlineData("SHA256:tooshort")]
    [InlineData("SHA256:!!!!ztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")]
    public void Normalize_RejectsOtherForms(string? input) => Assert.Null(HostKeyFingerprint.Normalize(input));

    [Fact]
    public void Compute_IsSha256OfTheKeyBlob_InOpenSshForm()
    {
        // SHA-256 of the empty string, base64 without padding.
        Assert.Equal("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", HostKeyFingerprint.Compute([]));
    }
}
