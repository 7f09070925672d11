using System.Globalization;
using Xunit.Sdk;

namespace Meridian.Fuzzing;

/// <summary>
/// One seeded fuzz run: the seed (MERIDIAN_SEED, else the test's own), the case count (the test's
/// default times MERIDIAN_FUZZ_SCALE, default 1) and the one <see cref="System.Random"/> every case
/// draws from, so a seed replays the run exactly. A failing case is reported with the seed, the
/// case number and the input, whatever threw: an assertion or an exception escaping the parser.
/// </summary>
internal sealed class FuzzRun
{
    private FuzzRun(int seed, int cases)
    {
        Seed = seed;
        Cases = cases;
        Random = new Random(seed);
    }

    public int Seed { get; }

    public int Cases { get; }

    public Random Random { get; }

    public static FuzzRun Start(int defaultSeed, int defaultCases)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("MERIDIAN_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : defaultSeed;
        int scale = int.TryParse(Environment.GetEnvironmentVariable("MERIDIAN_FUZZ_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int f) && f > 0 ? f : 1;
        return new FuzzRun(seed, (int)Math.Min(int.MaxValue, (long)defaultCases * scale));
    }

    /// <summary>Runs one case; any exception or failed assertion fails the test naming the seed, the case and the input.</summary>
    public void Check(int index, byte[] input, Action check) => Check(index, () => Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 512))) + (input.Length > 512 ? $"… ({input.Length} bytes)" : ""), check);

    /// <summary>As <see cref="Check(int, byte[], Action)"/> for a text input.</summary>
    public void Check(int index, string input, Action check) => Check(index, () => "\n" + (input.Length > 2000 ? input[..2000] + $"… ({input.Length} chars)" : input), check);

    /// <summary>As <see cref="Check(int, byte[], Action)"/>, describing the input only when the case fails.</summary>
    public void Check(int index, Func<string> describe, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e)
        {
            // An assertion's own stack is reported by xunit; an exception escaping a parser needs its origin.
            string origin = e is XunitException ? "" : "\n" + e.StackTrace;
            throw new XunitException($"MERIDIAN_SEED={Seed} case {index} of {Cases}: {e.GetType().Name}: {e.Message}\ninput: {describe()}{origin}");
        }
    }
}
