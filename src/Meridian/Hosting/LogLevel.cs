namespace Meridian.Hosting;

/// <summary>Log priorities, numbered as syslog and sd-daemon(3) number them.</summary>
public enum LogLevel
{
    Error = 3,
    Warning = 4,
    Info = 6,
}
