using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// The measurement history of one source as a straight line: a weighted least-squares fit of true
/// minus system time (so steps and slews of the served clock do not disturb it) against monotonic
/// time, giving the source's view of the system clock's phase and frequency together. How many of
/// the recent samples the fit spans is chosen at each sample by a runs test on the residuals: while
/// their signs alternate at random, noise dominates and the fit keeps growing (up to
/// <see cref="MaxSamples"/>); once long runs of one sign show that the oscillator wandered, the
/// oldest samples are dropped, unless the shorter line agrees with the longer one within their
/// errors (a chance cut, see <see cref="Agrees"/>). Each sample's weight falls with its delay above the least delay seen,
/// as queueing is the main error of an NTP offset (its error is at most half the excess delay).
/// </summary>
public sealed class SourceStatistics
{
    /// <summary>The longest history kept.</summary>
    public const int MaxSamples = 64;

    /// <summary>Samples needed before the source has an estimate.</summary>
    public const int MinSamples = 3;

    private const double RunsTestZ = 0.5;

    /// <summary>A longer window the runs test rejected is kept when it agrees with the shorter one within this many standard errors of their difference.</summary>
    private const double AgreementZ = 2;

    /// <summary>The longest window, in multiples of the runs test's choice, that agreement can restore.</summary>
    private const int MaxExtension = 2;

    private const double MinNoise = 1e-7;

    private readonly List<Point> _points = [];

    private readonly record struct Point(MonotonicTime Time, double TrueMinusSystem, double Delay);

    /// <summary>A fitted line over the newest <paramref name="Count"/> samples, times relative to the newest.</summary>
    private readonly record struct Line(int Count, double Intercept, double Frequency, double MeanTime, double SumWeights, double Spread, double Noise)
    {
        public double At(double dt) => Intercept + Frequency * dt;

        public double ErrorAt(double dt) => Noise * Math.Sqrt(1 / SumWeights + (dt - MeanTime) * (dt - MeanTime) / Spread);

        public double FrequencyError => Noise / Math.Sqrt(Spread);
    }

    /// <summary>Samples held.</summary>
    public int Count => _points.Count;

    /// <summary>Samples the current fit spans (the runs test's choice, or a longer window that agrees with it).</summary>
    public int FitSamples { get; private set; }

    /// <summary>Samples the runs test alone would let the fit span.</summary>
    public int RunsSamples { get; private set; }

    public bool HasEstimate => FitSamples >= MinSamples;

    /// <summary>The fitted true minus system time at <see cref="Reference"/>.</summary>
    public double Intercept { get; private set; }

    /// <summary>The fitted slope: the correction frequency that keeps the system clock on true time.</summary>
    public double Frequency { get; private set; }

    /// <summary>The newest sample's time, where the fit is anchored.</summary>
    public MonotonicTime Reference { get; private set; }

    /// <summary>Estimated standard deviation of one full-weight sample about the line, in seconds.</summary>
    public double Noise { get; private set; } = MinNoise;

    /// <summary>The least delay among the samples held.</summary>
    public double MinDelay { get; private set; }

    /// <summary>
    /// How far the newest sample was from the previous fit's prediction, in units of its bound (half
    /// its delay plus three standard errors of the prediction): above 1, the fit lost the source.
    /// </summary>
    public double LastPredictionRatio { get; private set; }

    /// <summary>How far the newest sample was from the previous fit's prediction, in standard deviations of a sample about the line.</summary>
    public double LastInnovation { get; private set; }

    private double _meanTime;
    private double _sumWeights;
    private double _spread;

    /// <summary>True minus system time predicted at <paramref name="now"/>.</summary>
    public double TrueMinusSystemAt(MonotonicTime now) => Intercept + Frequency * now.SecondsSince(Reference);

    /// <summary>The standard error of <see cref="TrueMinusSystemAt"/> at <paramref name="now"/>.</summary>
    public double ErrorAt(MonotonicTime now)
    {
        if (!HasEstimate)
        {
            return Rfc5905.MaxDispersion;
        }

        double dt = now.SecondsSince(Reference) - _meanTime;
        return Noise * Math.Sqrt(1 / _sumWeights + dt * dt / _spread);
    }

    /// <summary>The standard error of <see cref="Frequency"/>.</summary>
    public double FrequencyError => HasEstimate ? Noise / Math.Sqrt(_spread) : Rfc5905.MaxFrequency;

    /// <param name="trueMinusSystem">The sample's offset plus the served clock's correction when it was taken.</param>
    public void Add(MonotonicTime time, double trueMinusSystem, double delay)
    {
        if (HasEstimate)
        {
            double error = Math.Abs(trueMinusSystem - TrueMinusSystemAt(time));
            double bound = delay / 2 + 3 * ErrorAt(time);
            LastPredictionRatio = error / bound;
            LastInnovation = error / Math.Sqrt(Noise * Noise + ErrorAt(time) * ErrorAt(time));
            if (error > 1e-3 + bound + 10 * ErrorAt(time))
            {
                // The system clock was set (or the source jumped): beyond any delay or wander, a step.
                // The history still describes the frequency; moved by the step it describes the phase.
                double jump = trueMinusSystem - TrueMinusSystemAt(time);
                for (int i = 0; i < _points.Count; i++)
                {
                    _points[i] = _points[i] with { TrueMinusSystem = _points[i].TrueMinusSystem + jump };
                }
            }
        }

        _points.Add(new Point(time, trueMinusSystem, delay));
        if (_points.Count > MaxSamples)
        {
            _points.RemoveAt(0);
        }

        MinDelay = _points.Min(p => p.Delay);
        Fit();
    }

    public void Clear()
    {
        _points.Clear();
        FitSamples = 0;
        LastPredictionRatio = 0;
    }

    private void Fit()
    {
        Reference = _points[^1].Time;
        int n = _points.Count;
        double floor = NoiseFloor();
        var rejected = new List<Line>();
        Line chosen;
        for (int start = 0; ; start = NextStart(start, n))
        {
            if (n - start < MinSamples)
            {
                // Too few to test: the newest few (two samples: a line through them, noise at the floor).
                chosen = FitLine(n - Math.Min(n, MinSamples), floor);
                break;
            }

            Line line = FitLine(start, floor);
            if (PassesRunsTest(start, line))
            {
                chosen = line;
                break;
            }

            rejected.Add(line);
        }

        RunsSamples = chosen.Count;
        if (chosen.Count >= MinSamples)
        {
            chosen = rejected.FirstOrDefault(longer => longer.Count <= MaxExtension * chosen.Count && Agrees(longer, chosen), chosen);
        }

        FitSamples = chosen.Count;
        Intercept = chosen.Intercept;
        Frequency = chosen.Frequency;
        Noise = chosen.Noise;
        _meanTime = chosen.MeanTime;
        _sumWeights = chosen.SumWeights;
        _spread = chosen.Spread;
    }

    /// <summary>
    /// Whether a longer window's line agrees with the shorter one's in phase (at the newest sample) and
    /// frequency: within <see cref="AgreementZ"/> standard errors of the difference of two nested
    /// least-squares estimates (the shorter's variance minus the longer's). On a noisy path the runs
    /// test alone often cuts the fit to a few samples by chance (at 0.5 σ about a third of its checks
    /// fail with no wander at all), and those few samples' noise reached the served phase; a real
    /// change of frequency moves the lines apart by more than their errors, and the cut stays.
    /// </summary>
    private static bool Agrees(Line longer, Line shorter) =>
        Math.Abs(longer.Intercept - shorter.Intercept) <= AgreementZ * DifferenceError(shorter.ErrorAt(0), longer.ErrorAt(0))
        && Math.Abs(longer.Frequency - shorter.Frequency) <= AgreementZ * DifferenceError(shorter.FrequencyError, longer.FrequencyError);

    private static double DifferenceError(double shorter, double longer) => Math.Sqrt(Math.Max(0, (shorter * shorter) - (longer * longer)));

    private static int NextStart(int start, int n) => start + Math.Max(1, (n - start) / 4);

    /// <summary>Fits the samples from <paramref name="start"/> to the newest.</summary>
    private Line FitLine(int start, double floor)
    {
        int n = _points.Count - start;
        if (n == 1)
        {
            return new Line(1, _points[^1].TrueMinusSystem, Frequency, 0, 1, 1, floor);
        }

        double sw = 0, st = 0, sy = 0;
        for (int i = start; i < _points.Count; i++)
        {
            double w = Weight(_points[i], floor);
            sw += w;
            st += w * _points[i].Time.SecondsSince(Reference);
            sy += w * _points[i].TrueMinusSystem;
        }

        double meanT = st / sw, meanY = sy / sw, stt = 0, sty = 0;
        for (int i = start; i < _points.Count; i++)
        {
            double w = Weight(_points[i], floor);
            double dt = _points[i].Time.SecondsSince(Reference) - meanT;
            stt += w * dt * dt;
            sty += w * dt * (_points[i].TrueMinusSystem - meanY);
        }

        double frequency = stt > 0 ? sty / stt : 0;
        double intercept = meanY - frequency * meanT;
        double residuals = 0;
        for (int i = start; i < _points.Count; i++)
        {
            double r = _points[i].TrueMinusSystem - (intercept + frequency * _points[i].Time.SecondsSince(Reference));
            residuals += Weight(_points[i], floor) * r * r;
        }

        // Weights are relative to a sample at the floor: this is the noise of such a sample.
        double noise = n > 2 ? Math.Max(MinNoise, Math.Sqrt(residuals / (n - 2))) : floor;
        return new Line(n, intercept, frequency, meanT, sw, Math.Max(stt, 1e-9), noise);
    }

    /// <summary>
    /// The runs test: too few runs of residual signs means the line does not fit (the oscillator
    /// wandered). The threshold is strict (half a standard deviation below the expected runs): the
    /// sweep of docs/accuracy.md measured shorter fits to win against wander at little cost in noise.
    /// </summary>
    private bool PassesRunsTest(int start, Line line)
    {
        int positive = 0, negative = 0, runs = 0, lastSign = 0;
        for (int i = start; i < _points.Count; i++)
        {
            int sign = _points[i].TrueMinusSystem >= line.At(_points[i].Time.SecondsSince(Reference)) ? 1 : -1;
            if (sign > 0)
            {
                positive++;
            }
            else
            {
                negative++;
            }

            if (sign != lastSign)
            {
                runs++;
                lastSign = sign;
            }
        }

        int n = positive + negative;
        if (positive == 0 || negative == 0)
        {
            return n < 6;
        }

        double product = 2.0 * positive * negative;
        double mean = product / n + 1;
        double variance = product * (product - n) / ((double)n * n * (n - 1));
        return runs >= mean - RunsTestZ * Math.Sqrt(variance);
    }

    /// <summary>The noise of the best samples: a quarter of the median excess delay, at least 0.1 µs.</summary>
    private double NoiseFloor()
    {
        var excess = _points.Select(p => p.Delay - MinDelay).Order().ToList();
        return Math.Max(MinNoise, excess[excess.Count / 2] / 4);
    }

    /// <summary>Inverse variance relative to a sample at the floor: half the excess delay bounds the error.</summary>
    private double Weight(Point p, double floor)
    {
        double excess = (p.Delay - MinDelay) / 2;
        return floor * floor / (floor * floor + excess * excess);
    }
}
