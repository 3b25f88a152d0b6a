namespace Bastion.Bench;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    public static string F(double value, int digits = 1) => value.ToString("F" + digits, System.Globalization.CultureInfo.InvariantCulture);

    public static string MiB(long bytes) => F(bytes / 1048576.0, 2);
}
