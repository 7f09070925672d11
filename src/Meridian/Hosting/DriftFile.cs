using System.Globalization;

namespace Meridian.Hosting;

/// <summary>
/// The drift file: one line, the frequency correction in ppm (as ntpd writes it). Read at start,
/// validated (a number within ±500 ppm) — a missing or corrupt file is reported and ignored — and
/// written atomically: a temporary file in the same directory, fsync, rename; the temporary file
/// is removed when any step fails (a full disk).
/// </summary>
public static class DriftFile
{
    public const double MaxPpm = 500;

    /// <summary>The frequency in ppm, or null with <paramref name="problem"/> saying why when unusable.</summary>
    public static double? Read(string path, out string? problem)
    {
        problem = null;
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // a first start: the file (or its directory, created at the first write) does not exist yet
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read drift file {path}: {e.Message}; ignoring it";
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double ppm) && double.IsFinite(ppm) && Math.Abs(ppm) <= MaxPpm)
        {
            return ppm;
        }

        problem = $"drift file {path} does not hold a frequency within ±{MaxPpm} ppm ('{Truncate(text)}'); ignoring it";
        return null;
    }

    public static void Write(string path, double ppm)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                byte[] line = System.Text.Encoding.ASCII.GetBytes(ppm.ToString("0.000", CultureInfo.InvariantCulture) + "\n");
                stream.Write(line);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // A full disk, a failed fsync or rename: the old file stays as it was and no temporary is left.
            File.Delete(temporary);
            throw;
        }
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
