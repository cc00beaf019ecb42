using System.ComponentModel.DataAnnotations;
using Jobs.Core.Inventory;

namespace Jobs.Web.Models;

/// <summary>The servers page: filter box, counts, one page of servers, the CSV import form.</summary>
public sealed class ServersIndexViewModel
{
    public const int PageSize = 50;

    /// <summary>The filter as typed (kept on error so the operator can fix it).</summary>
    public string Filter { get; init; } = "";

    /// <summary>The parser's message when the filter is invalid; then nothing else is queried.</summary>
    public string? FilterError { get; init; }

    /// <summary>1-based position of the error in <see cref="Filter"/>.</summary>
    public int FilterErrorPosition { get; init; }

    public ServerSummary? Summary { get; init; }
    public ServerPage? Servers { get; init; }
    public int PageNumber { get; init; } = 1;

    public int PageCount => Servers is null ? 0 : PageOf<ServerRow>.CountPages(Servers.Total, PageSize);
    public int FirstShown => Servers is null || Servers.Total == 0 ? 0 : (PageNumber - 1) * PageSize + 1;
    public int LastShown => Servers is null ? 0 : (PageNumber - 1) * PageSize + Servers.Items.Count;

    /// <summary>Errors of a failed import, shown under the import form.</summary>
    public IReadOnlyList<ServerImportError> ImportErrors { get; set; } = [];
    public int MoreImportErrors { get; set; }

    public string MaxImportSize { get; init; } = "";
    public int MaxImportRows { get; init; }
}

/// <summary>The upload form of the servers page.</summary>
public sealed class ServerImportInput
{
    [Required(ErrorMessage = "Choose a CSV file to import.")]
    public IFormFile? File { get; set; }
}

/// <summary>A server's page: its inventory row (null when it left the inventory) and the jobs that touched it.</summary>
public sealed class ServerHistoryViewModel
{
    public required string Hostname { get; init; }
    public required ServerRow? Server { get; init; }
    public required int Total { get; init; }
    public required IReadOnlyList<ServerHistoryRow> Jobs { get; init; }
}

/// <summary>What one job did to the server: the host's outcome in it.</summary>
public sealed record ServerHistoryRow(
    long JobId, string JobName, Jobs.Core.Domain.JobStatus JobStatus, string Executor, int Batch,
    Jobs.Core.Domain.HostStatus Outcome, int Attempt, int? ExitCode, DateTime? StartedAt, DateTime? FinishedAt, string? ErrorLine);
