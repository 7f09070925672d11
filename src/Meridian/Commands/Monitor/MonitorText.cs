using System.Globalization;
using System.Net;
using System.Text.Json;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Commands.Monitor;

/// <summary>How <c>meridian monitor</c> prints a check: a table row, or one JSON object per line.</summary>
public static class MonitorText
{
    public const string Header = "time (UTC)            offset ms  stratum    step    score  status";

    public static string Row(DateTime time, PoolCheck check) => string.Create(CultureInfo.InvariantCulture,
        $"{time:yyyy-MM-ddTHH:mm:ssZ}  {Offset(check.Offset),9}  {Stratum(check),7}  {Step(check.Step),6}  {check.Score,7:0.000}  {check.Status}");

    public static string JsonLine(DateTime time, IPEndPoint server, PoolCheck check) => JsonSerializer.Serialize(
        new MonitorRecord(
            time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ListenAddress.Format(server),
            check.Offset,
            check.Server is { IsValid: true } valid ? valid.Delay : null,
            check.Server?.Stratum,
            check.Step,
            check.Score,
            check.InPool,
            check.Status,
            check.Server?.Kiss),
        ControlJson.Wire.MonitorRecord);

    private static string Offset(double? seconds) =>
        seconds is null ? "-" : (seconds.Value * 1000).ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);

    private static string Stratum(PoolCheck check) =>
        check.Server is { } server && server.Status is not (Core.Client.SntpStatus.NoReply or Core.Client.SntpStatus.Refused)
            ? server.Stratum.ToString(CultureInfo.InvariantCulture)
            : "-";

    private static string Step(double? step) => step is null ? "-" : step.Value.ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);
}
