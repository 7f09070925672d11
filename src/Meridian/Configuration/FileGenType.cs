namespace Meridian.Configuration;

/// <summary>ntpd's <c>filegen … type</c>: when a statistics file set starts a new file.</summary>
public enum FileGenType
{
    /// <summary>One plain file, <c>NAME</c>.</summary>
    None,

    /// <summary>One file per server process, <c>NAME.PID</c>.</summary>
    Pid,

    /// <summary>One file per UTC day, <c>NAME.YYYYMMDD</c> (ntpd's default).</summary>
    Day,

    /// <summary>One file per week of the year, <c>NAME.YYYYWww</c> (week = day of year / 7).</summary>
    Week,

    /// <summary>One file per month, <c>NAME.YYYYMM</c>.</summary>
    Month,

    /// <summary>One file per year, <c>NAME.YYYY</c>.</summary>
    Year,
}
