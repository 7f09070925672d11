using Meridian.Core.Analysis;

namespace Meridian.Commands.Audit;

/// <summary>The <c>meridian audit --json</c> output: what was audited, how, and the report.</summary>
public sealed record AuditDocument(string Target, string Address, double WindowSeconds, int RefusedProbes, AmplificationReport Report);
