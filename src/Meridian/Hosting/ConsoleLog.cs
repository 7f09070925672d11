namespace Meridian.Hosting;

/// <summary>Operator-facing log lines on standard error, with a UTC timestamp.</summary>
public static class ConsoleLog
{
    public static void Info(string message) => Write("", message);

    public static void Warn(string message) => Write("warning: ", message);

    public static void Error(string message) => Write("error: ", message);

    private static void Write(string level, string message) =>
        Console.Error.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} meridian: {level}{message}");
}
