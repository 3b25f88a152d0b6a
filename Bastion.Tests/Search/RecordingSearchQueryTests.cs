namespace Bastion.Tests.Search;

/// <summary>Bad search queries are problems (400 with a detail) and the server keeps answering. They read no index,
/// so they share the collection's deployment rather than starting one each.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class RecordingSearchQueryTests(BastionFixture bastion)
{
    [Theory]
    [InlineData("", "q is required")]
    [InlineData("q=%20%20", "q is required")]
    [InlineData("q=--%20%22%22", "no words")]
    [InlineData("q=a&from=yesterday", "from is not a date")]
    [InlineData("q=a&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to must be after from")]
    [InlineData("q=a&limit=0", "limit must be")]
    [InlineData("q=a&skip=-1", "skip must be")]
    [InlineData("q=a%01b", "control characters")]
    [InlineData("q=1%202%203%204%205%206%207%208%209", "too many terms")]
    public async Task BadQueries_AnswerAProblem(string query, string expected)
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?" + query, bastion.AdminToken);
        Assert.Equal(400, status);
        Assert.Contains(expected, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ATooLongQuery_AnswersAProblem_AndTheServerKeepsAnswering()
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=" + new string('x', 201), bastion.AdminToken);
        Assert.Equal(400, status);
        Assert.Contains("too long", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        var (ok, _) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=x", bastion.AdminToken);
        Assert.Equal(200, ok);
    }
}
