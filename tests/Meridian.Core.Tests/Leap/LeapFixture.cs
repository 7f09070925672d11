using Meridian.Core.Leap;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Leap;

/// <summary>The leap files of tests/fixtures/leap, found above the test binaries; and UTC times as NTP timestamps.</summary>
internal static class LeapFixture
{
    public static string Text(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "fixtures", "leap", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new InvalidOperationException($"tests/fixtures/leap/{name} not found above {AppContext.BaseDirectory}");
    }

    public static LeapFile Parse(string name) => LeapFileParser.Parse(Text(name));

    public static NtpTimestamp Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        LeapCalendar.FromUtc(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc));
}
