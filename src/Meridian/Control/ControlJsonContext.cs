using System.Text.Json.Serialization;
using Meridian.Commands.Audit;
using Meridian.Commands.Monitor;
using Meridian.Commands.Query;
using Meridian.Commands.Traffic;

namespace Meridian.Control;

/// <summary>
/// Every document Meridian writes or reads as JSON, with serializers generated at compile time: no
/// reflection, so the Native AOT binary serializes exactly what the JIT build does. camelCase names,
/// enums as their names, NaN and infinities as "NaN"/"Infinity" (the settings the reflection-based
/// options had). A type missing here is a build error (IL2026/IL3050), not a run-time failure.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(ClientsReportDocument))]
[JsonSerializable(typeof(ReloadReport))]
[JsonSerializable(typeof(AuditDocument))]
[JsonSerializable(typeof(TrafficDocument))]
[JsonSerializable(typeof(List<QueryResult>))]
[JsonSerializable(typeof(MonitorRecord))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
