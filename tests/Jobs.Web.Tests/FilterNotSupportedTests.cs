using System.Data.Common;
using Jobs.Core.Filtering;
using Jobs.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;

namespace Jobs.Web.Tests;

/// <summary>Issue 11: <c>~</c> on a SQL Server older than 2025 is a 400 with what to do instead, never a 500.</summary>
public sealed class FilterNotSupportedTests
{
    [Fact]
    public void Interceptor_RegexFunctionMissing_BecomesFilterNotSupported()
    {
        var error = new FakeDbException("'REGEXP_INSTR' is not a recognized built-in function name.");
        var ex = Assert.Throws<FilterNotSupportedException>(() => SqlServerRegexInterceptor.ThrowIfRegexUnavailable(error));
        Assert.Contains("needs SQL Server 2025", ex.Message);
        Assert.False(SqlServerRegexInterceptor.IsRegexUnavailable(new FakeDbException("deadlock victim")));
    }

    [Theory]
    [InlineData("/api/v1/servers", typeof(BadRequestObjectResult))]
    [InlineData("/servers", typeof(ContentResult))]
    public void Filter_ApiAndPages_Answer400WithTheReason(string path, Type expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        var context = new ExceptionContext(new ActionContext(http, new RouteData(), new ActionDescriptor()), [])
        {
            Exception = new FilterNotSupportedException(SqlServerRegexInterceptor.Message, new InvalidOperationException()),
        };

        new FilterNotSupportedFilter().OnException(context);

        Assert.True(context.ExceptionHandled);
        Assert.IsType(expected, context.Result);
        var status = context.Result is ObjectResult o ? o.StatusCode : ((ContentResult)context.Result!).StatusCode;
        Assert.Equal(400, status);
    }

    private sealed class FakeDbException(string message) : DbException(message);
}
