namespace Bastion.Testing;

/// <summary>Waits for a condition that becomes true eventually (a metric scraped, a row written by a background
/// task), checking every 100 ms, and fails naming <c>what</c> if it is still false after the timeout.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var limit = TestTimeouts.CreateTokenSource(timeout);
        while (!await condition().WaitAsync(limit.Token))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? TestTimeouts.Default).TotalSeconds:0} s waiting for {what}.");
            }
        }
    }
}
