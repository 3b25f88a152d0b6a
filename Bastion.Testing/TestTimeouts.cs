using System.Runtime.CompilerServices;

namespace Bastion.Testing;

/// <summary>
/// One default bound for every await in the tests, so a hang fails with the awaited expression and its location
/// instead of stalling the run. The value is generous on purpose: it bounds hangs, it never measures speed.
/// </summary>
public static class TestTimeouts
{
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(20);

    /// <summary>A token source that cancels after <paramref name="timeout"/> (default <see cref="Default"/>).</summary>
    public static CancellationTokenSource CreateTokenSource(TimeSpan? timeout = null) => new(timeout ?? Default);

    public static async Task WithTimeout(
        this Task task,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(task))] string? expression = null,
        [CallerFilePath] string? file = null,
        [CallerLineNumber] int line = 0)
    {
        var limit = timeout ?? Default;
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException(Describe(limit, expression, file, line), ex);
        }
    }

    public static async Task<T> WithTimeout<T>(
        this Task<T> task,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(task))] string? expression = null,
        [CallerFilePath] string? file = null,
        [CallerLineNumber] int line = 0)
    {
        var limit = timeout ?? Default;
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException(Describe(limit, expression, file, line), ex);
        }
    }

    public static Task WithTimeout(
        this ValueTask task,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(task))] string? expression = null,
        [CallerFilePath] string? file = null,
        [CallerLineNumber] int line = 0) =>
        task.AsTask().WithTimeout(timeout, expression, file, line);

    public static Task<T> WithTimeout<T>(
        this ValueTask<T> task,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(task))] string? expression = null,
        [CallerFilePath] string? file = null,
        [CallerLineNumber] int line = 0) =>
        task.AsTask().WithTimeout(timeout, expression, file, line);

    private static string Describe(TimeSpan limit, string? expression, string? file, int line) =>
        $"Timed out after {limit.TotalSeconds:0.#} s waiting for `{expression}` at {Path.GetFileName(file)}:{line}. "
        + "The awaited operation never completed: look for a missing reply, an unclosed stream or a deadlock.";
}
