using Meridian.Core.Analysis;

namespace Meridian.Control;

/// <summary>What the control socket answers to <c>clients</c>: the report and where it came from.</summary>
public sealed record ClientsReportDocument(string Source, ClientReport Report);
