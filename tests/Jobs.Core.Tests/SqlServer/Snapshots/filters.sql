-- SQL Server SQL of every filter in FilterTranslationTests (issue 11). Generated; see SqlServerFilterSnapshotTests.

-- filter: env = prod and app in (order-api, pay-api) and not hostname ~ ^db- and idc != SH2
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod' AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'order-api', N'pay-api') AND REGEXP_INSTR([s].[Hostname], N'(?i)^db-') <= 0 AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'sh2'

-- filter: env = PROD
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod'

-- filter: idc = sh2
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'sh2'

-- filter: idc in (sh1, GZ4)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'sh1', N'gz4')

-- filter: idc not in (sh1, gz4)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'sh1', N'gz4')

-- filter: app ~ api
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[App], N'(?i)api') > 0

-- filter: hostname ~ ^db-\d+
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Hostname], N'(?i)^db-\d+') > 0

-- filter: hostname >= m
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 >= N'm'

-- filter: hostname < order
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'order'

-- filter: ip > 10.1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'10.1'

-- filter: ip <= 10.2.200.1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'10.2.200.1'

-- filter: app > Cache
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'cache'

-- filter: owner = "Pay Team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'pay team'

-- filter: owner = "pay team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'pay team'

-- filter: owner = ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N''

-- filter: owner != ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N''

-- filter: owner = "o'brien"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'o''brien'

-- filter: role = "" or os = ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'' OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N''

-- filter: tag = canary
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'canary')

-- filter: tag = CANARY
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'canary')

-- filter: tag != canary
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'canary')

-- filter: tag in (gpu, pci)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'gpu', N'pci'))

-- filter: tag not in (gpu, pci)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'gpu', N'pci'))

-- filter: tag ~ "^(bl|gr)"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^(bl|gr)') > 0)

-- filter: not tag ~ e
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)e') > 0)

-- filter: status = online
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Online'

-- filter: status != online
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online'

-- filter: status in (offline, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] IN (N'Offline', N'Maintenance')

-- filter: status not in (online)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online'

-- filter: env = prod or env = uat and idc = SH1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod' OR (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'uat' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'sh1')

-- filter: (env = prod or env = uat) and idc = SH1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'uat') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'sh1'

-- filter: not env = prod and not idc = SH1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'prod' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'sh1'

-- filter: not (env = prod and idc = SH1)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'prod' OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'sh1'

-- filter: env = prod and tag = canary or status = maintenance
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod' AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'canary')) OR [s].[Status] = N'Maintenance'

-- filter: os ~ ubuntu|rocky and role in (web, db)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Os], N'(?i)ubuntu|rocky') > 0 AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'web', N'db')

-- filter: hostname ~ SH
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Hostname], N'(?i)SH') > 0

-- filter: app ~ ^[a-c]
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[App], N'(?i)^[a-c]') > 0

-- filter: ip ~ ^10\.1\.
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Ip], N'(?i)^10\.1\.') > 0

-- filter: not not (status = online or tag in ("pay team", 10.1, worker)) and not env < ORDER-API
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Status] = N'Online' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'pay team', N'10.1', N'worker'))) AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'order-api'

-- filter: role >= OPS
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'ops'

-- filter: status != online and os != CENTOS-7
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'centos-7'

-- filter: not status not in (online, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] IN (N'Online', N'Maintenance')

-- filter: (ip not in (db, SH2) or ip < GREEN and not status = maintenance) and tag ~ ^10\.1\.
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'db', N'sh2') OR (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'green' AND [s].[Status] <> N'Maintenance')) AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^10\.1\.') > 0)

-- filter: status != maintenance
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Maintenance'

-- filter: env > zzz
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'zzz'

-- filter: hostname not in (ubuntu-22.04, zz_tail) and (idc in ("", web-1) and hostname <= "o'brien") and (idc <= UAT or status in (maintenance, online) or status != offline) or app = WEB-1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Hostname] NOT IN (N'ubuntu-22.04', N'zz_tail') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'', N'web-1') AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 <= N'o''brien' AND (TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'uat' OR [s].[Status] IN (N'Maintenance', N'Online') OR [s].[Status] <> N'Offline')) OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'web-1'

-- filter: not hostname >= PROD
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'prod'

-- filter: role >= UAT
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'uat'

-- filter: idc in (db-0)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'db-0'

-- filter: not ip >= order-api and (not (app not in (search.web, worker, 10.2.200.1, WORKER) and env > zz_tail) and ip in (GPU, WEB-1))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'order-api' AND (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'search.web', N'worker', N'10.2.200.1') OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'zz_tail') AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'gpu', N'web-1')

-- filter: not not not not app not in (ubuntu-22.04, "O'BRIEN", 10.1, CENTOS-7)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'ubuntu-22.04', N'o''brien', N'10.1', N'centos-7')

-- filter: os in (GREEN, db-0, test, "O'BRIEN") or tag ~ \d{3}
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'green', N'db-0', N'test', N'o''brien') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)\d{3}') > 0)

-- filter: not (hostname <= zzz and owner < db-0 or ip <= TEST and (ip ~ team or app < A))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'zzz' OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db-0') AND (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'test' OR (REGEXP_INSTR([s].[Ip], N'(?i)team') <= 0 AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'a'))

-- filter: not (idc > worker and not not status in (online, online))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'worker' OR [s].[Status] <> N'Online'

-- filter: env ~ SH
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Env], N'(?i)SH') > 0

-- filter: role in (CentOS-7)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'centos-7'

-- filter: tag ~ -0[0-4][0-9]\.
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)-0[0-4][0-9]\.') > 0)

-- filter: status = maintenance or not (idc ~ SH and owner > CENTOS-7) or tag != uat
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Maintenance' OR REGEXP_INSTR([s].[Idc], N'(?i)SH') <= 0 OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'centos-7' OR NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'uat')

-- filter: not tag ~ ^$
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^$') > 0)

-- filter: app ~ team
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[App], N'(?i)team') > 0

-- filter: not owner = pci
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'pci'

-- filter: not not not owner in (zz_tail, 10.2.200.1, PAY-API) or idc > db-0
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'zz_tail', N'10.2.200.1', N'pay-api') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'db-0'

-- filter: owner > blue
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'blue'

-- filter: owner < ops
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'ops'

-- filter: app != dba and (status = online or tag in ("", legacy, "O'BRIEN") and owner >= gpu) or app < db
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'dba' AND ([s].[Status] = N'Online' OR (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'', N'legacy', N'o''brien')) AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'gpu'))) OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'db'

-- filter: not (idc <= dba and os > zz_tail or tag = UBUNTU-22.04 and role ~ ^$) or role >= 10.2.200.1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ((TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'dba' OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'zz_tail') AND (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'ubuntu-22.04') OR REGEXP_INSTR([s].[Role], N'(?i)^$') <= 0)) OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'10.2.200.1'

-- filter: env <= dba or tag != UAT
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'dba' OR NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'uat')

-- filter: env > bj3
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'bj3'

-- filter: tag = legacy
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'legacy')

-- filter: not app in (db-0, rocky-9)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'db-0', N'rocky-9')

-- filter: status != online or tag ~ "'" or env <= BLUE and ((ip <= CENTOS-7 or env >= test) and role != worker)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)''') > 0) OR (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'blue' AND (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'centos-7' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'test') AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'worker')

-- filter: owner = bj3
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'bj3'

-- filter: hostname >= SH2 and status != maintenance or not (env < PCI and tag in (TEST, blue, zzz))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Hostname] COLLATE Latin1_General_100_BIN2 >= N'sh2' AND [s].[Status] <> N'Maintenance') OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'pci' OR NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'test', N'blue', N'zzz'))

-- filter: not (not role >= ubuntu-22.04 and (env ~ x?y*z+ or hostname ~ x?y*z+) and (status = online and idc <= DB-0 and ip <= ""))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'ubuntu-22.04' OR (REGEXP_INSTR([s].[Env], N'(?i)x?y*z+') <= 0 AND REGEXP_INSTR([s].[Hostname], N'(?i)x?y*z+') <= 0) OR [s].[Status] <> N'Online' OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'db-0' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N''

-- filter: tag not in (user-svc, GPU, SEARCH.WEB, user-svc)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'user-svc', N'gpu', N'search.web'))

-- filter: not tag ~ \d{3} or app >= test
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)\d{3}') > 0) OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'test'

-- filter: os < 10.2.200.1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'10.2.200.1'

-- filter: os = canary or role ~ -0[0-4][0-9]\.
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'canary' OR REGEXP_INSTR([s].[Role], N'(?i)-0[0-4][0-9]\.') > 0

-- filter: env > "PAY TEAM"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'pay team'

-- filter: status = maintenance
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Maintenance'

-- filter: status != maintenance
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Maintenance'

-- filter: status not in (online, online)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online'

-- filter: (tag ~ ^10\.1\. or status = maintenance) and (ip in (worker, UBUNTU-22.04, web-1) or tag in (SH2, dba, "")) and not owner ~ \d{3} or tag ~ api$
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ((EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^10\.1\.') > 0) OR [s].[Status] = N'Maintenance') AND (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'worker', N'ubuntu-22.04', N'web-1') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] IN (N'sh2', N'dba', N''))) AND REGEXP_INSTR([s].[Owner], N'(?i)\d{3}') <= 0) OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s2]
    WHERE [s].[Id] = [s2].[ServerId] AND REGEXP_INSTR([s2].[Name], N'(?i)api$') > 0)

-- filter: os <= A or (not hostname >= green and (role not in (WORKER, "", search.web) or tag ~ x?y*z+) or env <= UBUNTU-22.04)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'a' OR ([s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'green' AND (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'worker', N'', N'search.web') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)x?y*z+') > 0))) OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'ubuntu-22.04'

-- filter: not tag not in ("o'brien", ORDER-API)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'o''brien', N'order-api'))

-- filter: os != "O'BRIEN" or tag != ROCKY-9
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'o''brien' OR NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'rocky-9')

-- filter: not app ~ ^[a-c]
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[App], N'(?i)^[a-c]') <= 0

-- filter: tag = CentOS-7
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'centos-7')

-- filter: not owner ~ "'"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Owner], N'(?i)''') <= 0

-- filter: app = canary and status not in (online, online)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'canary' AND [s].[Status] <> N'Online'

-- filter: hostname not in (GZ4, UBUNTU-22.04)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] NOT IN (N'gz4', N'ubuntu-22.04')

-- filter: not not app in ("") or ip = zz_tail and env = ORDER
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'' OR (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'zz_tail' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'order')

-- filter: ip <= "Pay Team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'pay team'

-- filter: tag ~ "'"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)''') > 0)

-- filter: idc != Cache and os != DBA
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'cache' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'dba'

-- filter: app = zzz or not (not env < zz_tail or hostname != "")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'zzz' OR (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'zz_tail' AND [s].[Hostname] = N'')

-- filter: status = online or not not (ip < prod and owner != SH1)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Online' OR (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'prod' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'sh1')

-- filter: os ~ ^[a-c] and (env ~ ^$ and env ~ ^db- and (hostname not in (worker, user-svc, USER-SVC, A) and tag ~ api$) and role in (user-svc, worker))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Os], N'(?i)^[a-c]') > 0 AND REGEXP_INSTR([s].[Env], N'(?i)^$') > 0 AND REGEXP_INSTR([s].[Env], N'(?i)^db-') > 0 AND [s].[Hostname] NOT IN (N'worker', N'user-svc', N'a') AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)api$') > 0) AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'user-svc', N'worker')

-- filter: role > user-svc or role ~ x?y*z+
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'user-svc' OR REGEXP_INSTR([s].[Role], N'(?i)x?y*z+') > 0

-- filter: tag ~ "^(order|pay)-"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^(order|pay)-') > 0)

-- filter: not (role < ops and ip = WORKER)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'ops' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'worker'

-- filter: hostname = db-0 and env <= "" or status = offline or (ip = order and owner = bj3 or tag ~ team) or status in (maintenance, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Hostname] = N'db-0' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'') OR [s].[Status] = N'Offline' OR (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'order' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'bj3') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)team') > 0) OR [s].[Status] = N'Maintenance'

-- filter: os = blue
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'blue'

-- filter: tag not in ("PAY TEAM", web-1, ubuntu-22.04)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'pay team', N'web-1', N'ubuntu-22.04'))

-- filter: not os < dba and app ~ team
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'dba' AND REGEXP_INSTR([s].[App], N'(?i)team') > 0

-- filter: role >= A
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'a'

-- filter: tag != web
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'web')

-- filter: not not (not tag not in ("o'brien") and not app not in (CentOS-7, WEB, rocky-9, "Pay Team"))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'o''brien') AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'centos-7', N'web', N'rocky-9', N'pay team')

-- filter: tag != web and ((role ~ ^$ or env ~ "'") and (role = Gz4 or ip < "O'BRIEN") and (ip in (bj3, web, "") and os ~ ^$ and app = zzz))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'web') AND (REGEXP_INSTR([s].[Role], N'(?i)^$') > 0 OR REGEXP_INSTR([s].[Env], N'(?i)''') > 0) AND (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'gz4' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'o''brien') AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'bj3', N'web', N'') AND REGEXP_INSTR([s].[Os], N'(?i)^$') > 0 AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'zzz'

-- filter: env in ("")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N''

-- filter: not ip != A
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'a'

-- filter: env >= "O'BRIEN"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'o''brien'

-- filter: owner ~ ^db-
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Owner], N'(?i)^db-') > 0

-- filter: hostname <= web
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 <= N'web'

-- filter: not not ((role >= CENTOS-7 or app = db) and (ip in (gpu, "Pay Team", m, worker) and os < "o'brien"))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'centos-7' OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'db') AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'gpu', N'pay team', N'm', N'worker') AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'o''brien'

-- filter: idc ~ "^(order|pay)-" or role <= CentOS-7
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Idc], N'(?i)^(order|pay)-') > 0 OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'centos-7'

-- filter: env < web-1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'web-1'

-- filter: idc != "pay team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'pay team'

-- filter: (idc = db or env > GZ4) and not os <= CENTOS-7 and (tag != "" or status in (offline, maintenance)) or (status != online or app ~ ^$)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ((TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'db' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'gz4') AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'centos-7' AND (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'') OR [s].[Status] IN (N'Offline', N'Maintenance'))) OR [s].[Status] <> N'Online' OR REGEXP_INSTR([s].[App], N'(?i)^$') > 0

-- filter: not (role < SH2 and role ~ \d{3} and (app <= SH2 or idc > "o'brien" or role > order-api and env > gpu))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'sh2' OR REGEXP_INSTR([s].[Role], N'(?i)\d{3}') <= 0 OR (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'sh2' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'o''brien' AND (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'order-api' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'gpu'))

-- filter: app <= PAY-API
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'pay-api'

-- filter: not (idc ~ api$ and (tag in (pci) and os <= order or not status in (online, online)))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Idc], N'(?i)api$') <= 0 OR ((NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'pci') OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'order') AND [s].[Status] = N'Online')

-- filter: not tag != PROD and not owner in (TEST, "PAY TEAM", order) or status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'prod') AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'test', N'pay team', N'order')) OR [s].[Status] <> N'Offline'

-- filter: not app in (DB-0) and app in ("")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'db-0' AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N''

-- filter: app < A
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'a'

-- filter: status in (offline, offline) or (role > gpu or idc > CentOS-7)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline' OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'gpu' OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'centos-7'

-- filter: not hostname > worker
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 <= N'worker'

-- filter: status = online
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Online'

-- filter: (owner != ROCKY-9 or tag in (Gz4, blue)) and idc in (SH1)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'rocky-9' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'gz4', N'blue'))) AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'sh1'

-- filter: (status not in (offline, maintenance) and tag in (search.web, db, db) or role not in (uat, ORDER, PROD) and (tag in (WEB, "o'brien") or os = 10.2.200.1)) and (not (idc in (db) and role <= blue) or os = bj3)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (([s].[Status] NOT IN (N'Offline', N'Maintenance') AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'search.web', N'db'))) OR (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'uat', N'order', N'prod') AND (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] IN (N'web', N'o''brien')) OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'10.2.200.1'))) AND (TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'db' OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'blue' OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'bj3')

-- filter: ip ~ ^db-
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Ip], N'(?i)^db-') > 0

-- filter: not (os < user-svc or role in (PROD))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'user-svc' AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'prod'

-- filter: not hostname <= legacy
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'legacy'

-- filter: idc > GREEN
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'green'

-- filter: owner <= "o'brien"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'o''brien'

-- filter: role = user-svc
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'user-svc'

-- filter: (tag ~ ^$ and tag ~ ^10\.1\. or (hostname not in (ROCKY-9, CACHE, ORDER-API) or owner < prod)) and not (status = online or status != online) or (idc > rocky-9 or app < "pay team")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (((EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^$') > 0) AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND REGEXP_INSTR([s1].[Name], N'(?i)^10\.1\.') > 0)) OR [s].[Hostname] NOT IN (N'rocky-9', N'cache', N'order-api') OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'prod') AND [s].[Status] <> N'Online' AND [s].[Status] = N'Online') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'rocky-9' OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'pay team'

-- filter: (role < ops or app = GREEN) and not owner ~ \d{3} and not (not status = maintenance and not tag = db)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'ops' OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'green') AND REGEXP_INSTR([s].[Owner], N'(?i)\d{3}') <= 0 AND ([s].[Status] = N'Maintenance' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'db'))

-- filter: app = db and (role >= db or os > uat) and status in (offline, maintenance) or status in (maintenance, online)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'db' AND (TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db' OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'uat') AND [s].[Status] IN (N'Offline', N'Maintenance')) OR [s].[Status] IN (N'Maintenance', N'Online')

-- filter: env ~ SH and tag ~ ubuntu|rocky and (env in (SH2) and (tag != UBUNTU-22.04 or os = prod)) and (not status != online or hostname ~ SH)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Env], N'(?i)SH') > 0 AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)ubuntu|rocky') > 0) AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'sh2' AND (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'ubuntu-22.04') OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod') AND ([s].[Status] = N'Online' OR REGEXP_INSTR([s].[Hostname], N'(?i)SH') > 0)

-- filter: status = offline and status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline' AND [s].[Status] <> N'Offline'

-- filter: ip in (A, SH2, web-1, "Pay Team")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'a', N'sh2', N'web-1', N'pay team')

-- filter: os ~ "^(order|pay)-" and (not role <= user-svc and not not owner >= DBA)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Os], N'(?i)^(order|pay)-') > 0 AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'user-svc' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'dba'

-- filter: not not (owner <= test and status != offline) and not owner >= worker
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'test' AND [s].[Status] <> N'Offline' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'worker'

-- filter: app >= UBUNTU-22.04
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'ubuntu-22.04'

-- filter: not not (hostname <= dba and ip <= CentOS-7 or (status != offline or app != m))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Hostname] COLLATE Latin1_General_100_BIN2 <= N'dba' AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'centos-7') OR [s].[Status] <> N'Offline' OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'm'

-- filter: env != A and env in ("o'brien", Cache)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'a' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'o''brien', N'cache')

-- filter: status = offline and not (env ~ SH and hostname not in (SH1, search.web, SH1, SH1) and (env > WORKER or app = ""))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline' AND (REGEXP_INSTR([s].[Env], N'(?i)SH') <= 0 OR [s].[Hostname] IN (N'sh1', N'search.web') OR (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'worker' AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N''))

-- filter: ip in (test, "Pay Team", LEGACY, db)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'test', N'pay team', N'legacy', N'db')

-- filter: env not in (SH2, zzz, db-0, "O'BRIEN") or ip = OPS
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'sh2', N'zzz', N'db-0', N'o''brien') OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'ops'

-- filter: owner ~ \d{3}
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Owner], N'(?i)\d{3}') > 0

-- filter: status in (offline, offline)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline'

-- filter: role >= CANARY
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'canary'

-- filter: tag ~ team and not os < search.web
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)team') > 0) AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'search.web'

-- filter: tag ~ "'"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)''') > 0)

-- filter: status in (online, maintenance) and (hostname >= SEARCH.WEB and status = online) and hostname > CENTOS-7 or idc = user-svc
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Status] IN (N'Online', N'Maintenance') AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 >= N'search.web' AND [s].[Status] = N'Online' AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'centos-7') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'user-svc'

-- filter: ip = ZZ_TAIL
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'zz_tail'

-- filter: env = db or status != offline and hostname <= pay-api and (tag ~ "^(order|pay)-" or idc < pay-api) or idc < 10.2.200.1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'db' OR ([s].[Status] <> N'Offline' AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 <= N'pay-api' AND (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^(order|pay)-') > 0) OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'pay-api')) OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'10.2.200.1'

-- filter: app >= green and os != ORDER-API
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'green' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'order-api'

-- filter: tag != "pay team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'pay team')

-- filter: not (not hostname = zz_tail and not ip ~ ^db-)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] = N'zz_tail' OR REGEXP_INSTR([s].[Ip], N'(?i)^db-') > 0

-- filter: ip <= user-svc and tag in (CentOS-7, Gz4, "O'BRIEN", "") or not env < DB and (idc != PCI and app >= USER-SVC) and (os < user-svc or not hostname < order-api)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'user-svc' AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'centos-7', N'gz4', N'o''brien', N''))) OR (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'pci' AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'user-svc' AND (TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'user-svc' OR [s].[Hostname] COLLATE Latin1_General_100_BIN2 >= N'order-api'))

-- filter: role > db-0
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'db-0'

-- filter: ip = db
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'db'

-- filter: os > DB-0
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'db-0'

-- filter: owner < A or app != prod
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'a' OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'prod'

-- filter: tag in (SH1, order-api, m, BJ3)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'sh1', N'order-api', N'm', N'bj3'))

-- filter: os <= OPS
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'ops'

-- filter: os > Gz4
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'gz4'

-- filter: not (status != online and os < db) and (os > CENTOS-7 and (owner not in (ROCKY-9, ubuntu-22.04, search.web) and ip != pay-api)) or not ip ~ -0[0-4][0-9]\.
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (([s].[Status] = N'Online' OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db') AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'centos-7' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'rocky-9', N'ubuntu-22.04', N'search.web') AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'pay-api') OR REGEXP_INSTR([s].[Ip], N'(?i)-0[0-4][0-9]\.') <= 0

-- filter: app = UBUNTU-22.04
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'ubuntu-22.04'

-- filter: status != online and app > 10.1 and (not status in (offline, online) and (tag in (ROCKY-9, "O'BRIEN") and tag != "") and os <= "Pay Team")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online' AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'10.1' AND [s].[Status] NOT IN (N'Offline', N'Online') AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'rocky-9', N'o''brien')) AND NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'') AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'pay team'

-- filter: os >= db and owner = 10.1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'10.1'

-- filter: not (tag in ("", DBA, ops, ubuntu-22.04) and hostname not in (db) or env < db and owner ~ "'") and idc ~ "^(order|pay)-"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'', N'dba', N'ops', N'ubuntu-22.04')) OR [s].[Hostname] = N'db') AND (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db' OR REGEXP_INSTR([s].[Owner], N'(?i)''') <= 0) AND REGEXP_INSTR([s].[Idc], N'(?i)^(order|pay)-') > 0

-- filter: not (status in (online, maintenance) or role < blue or status in (maintenance, online)) or idc ~ ^$
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Status] NOT IN (N'Online', N'Maintenance') AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'blue' AND [s].[Status] NOT IN (N'Maintenance', N'Online')) OR REGEXP_INSTR([s].[Idc], N'(?i)^$') > 0

-- filter: app < order-api
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'order-api'

-- filter: env != "" or status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'' OR [s].[Status] <> N'Offline'

-- filter: owner ~ ^$
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Owner], N'(?i)^$') > 0

-- filter: os = ZZ_TAIL or env != ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'zz_tail' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N''

-- filter: (tag ~ "'" or env ~ ^10\.1\.) and (env >= pay-api and env != CANARY) or (status = online or tag = canary) or not (role ~ api$ or (idc > search.web or role < Gz4))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ((EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)''') > 0) OR REGEXP_INSTR([s].[Env], N'(?i)^10\.1\.') > 0) AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'pay-api' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'canary') OR [s].[Status] = N'Online' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'canary') OR (REGEXP_INSTR([s].[Role], N'(?i)api$') <= 0 AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'search.web' AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'gz4')

-- filter: os >= zzz
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'zzz'

-- filter: tag ~ -0[0-4][0-9]\. and env = rocky-9
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)-0[0-4][0-9]\.') > 0) AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'rocky-9'

-- filter: status != online and owner not in (Gz4, Cache, "", green)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Online' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'gz4', N'cache', N'', N'green')

-- filter: hostname > ORDER-API
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'order-api'

-- filter: ip ~ ^$ and env <= uat
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Ip], N'(?i)^$') > 0 AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'uat'

-- filter: idc ~ \d{3}
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Idc], N'(?i)\d{3}') > 0

-- filter: owner ~ \d{3}
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Owner], N'(?i)\d{3}') > 0

-- filter: os <= "pay team" and (app not in (pay-api) or ip != "" and owner > test)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'pay team' AND (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'pay-api' OR (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'test'))

-- filter: app <= ubuntu-22.04
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'ubuntu-22.04'

-- filter: not (os != "" and (status = offline or env not in (blue))) or tag ~ x?y*z+
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'' OR ([s].[Status] <> N'Offline' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'blue') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)x?y*z+') > 0)

-- filter: not ((owner ~ ^$ or (tag not in (db) or idc in (zz_tail, zzz, order-api, web))) and (role not in (UBUNTU-22.04, zzz, CACHE) and tag != ORDER-API or os not in (legacy, PROD, zzz, "")))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (REGEXP_INSTR([s].[Owner], N'(?i)^$') <= 0 AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'db') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'zz_tail', N'zzz', N'order-api', N'web')) OR ((TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'ubuntu-22.04', N'zzz', N'cache') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'order-api')) AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'legacy', N'prod', N'zzz', N''))

-- filter: not env ~ ^$ or idc < order-api
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Env], N'(?i)^$') <= 0 OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'order-api'

-- filter: ip <= pci
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'pci'

-- filter: hostname = ubuntu-22.04
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] = N'ubuntu-22.04'

-- filter: app < ops or env ~ team and (os not in (db-0, "o'brien", "") or tag in (db-0)) and (role != 10.1 and not owner <= web)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'ops' OR (REGEXP_INSTR([s].[Env], N'(?i)team') > 0 AND (TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'db-0', N'o''brien', N'') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'db-0')) AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'10.1' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'web')

-- filter: not not not app != ORDER-API or app != search.web and idc <= m and (not owner = "" or ip != WEB-1)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'order-api' OR (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'search.web' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'm' AND (TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'web-1'))

-- filter: idc ~ ^db-
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Idc], N'(?i)^db-') > 0

-- filter: not (role != pay-api or app > SEARCH.WEB or env <= "" and (tag ~ \d{3} and role = 10.1))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'pay-api' AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'search.web' AND (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'' OR NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)\d{3}') > 0) OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'10.1')

-- filter: not status not in (offline, offline)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline'

-- filter: env > SH1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'sh1'

-- filter: app = A
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'a'

-- filter: not ((hostname = green or env not in (10.1, WEB-1, gpu, worker)) and (status in (offline, offline) and status = online)) and (os >= db or (status in (online, maintenance) or owner <= WEB-1 or hostname != canary and ip > uat))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'db' OR [s].[Status] IN (N'Online', N'Maintenance') OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'web-1' OR ([s].[Hostname] <> N'canary' AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'uat')

-- filter: ip in (10.1, "pay team")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'10.1', N'pay team')

-- filter: app = ops
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'ops'

-- filter: ip in (zz_tail, db) or (status in (maintenance, maintenance) or tag not in (SH1, "PAY TEAM", 10.1) or hostname ~ ^[a-c] or status not in (online, maintenance) and hostname = user-svc and (owner != legacy and ip ~ ^[a-c]))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'zz_tail', N'db') OR [s].[Status] = N'Maintenance' OR NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'sh1', N'pay team', N'10.1')) OR REGEXP_INSTR([s].[Hostname], N'(?i)^[a-c]') > 0 OR ([s].[Status] NOT IN (N'Online', N'Maintenance') AND [s].[Hostname] = N'user-svc' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'legacy' AND REGEXP_INSTR([s].[Ip], N'(?i)^[a-c]') > 0)

-- filter: env ~ ubuntu|rocky and (hostname <= pci and not ip = search.web)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Env], N'(?i)ubuntu|rocky') > 0 AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 <= N'pci' AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'search.web'

-- filter: not idc >= "Pay Team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'pay team'

-- filter: tag ~ "'" and not tag not in ("", test) or os ~ team
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)''') > 0) AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] IN (N'', N'test'))) OR REGEXP_INSTR([s].[Os], N'(?i)team') > 0

-- filter: not role in ("o'brien", db)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'o''brien', N'db')

-- filter: os > "O'BRIEN" and ((role <= gpu or os <= "") and (app in (blue, zzz) and idc > blue) or idc in (WEB-1, green, zz_tail))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'o''brien' AND (((TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'gpu' OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'') AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'blue', N'zzz') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'blue') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'web-1', N'green', N'zz_tail'))

-- filter: role > SEARCH.WEB or (not idc in (m, order-api) or tag ~ x?y*z+)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'search.web' OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'm', N'order-api') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)x?y*z+') > 0)

-- filter: app ~ \d{3}
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[App], N'(?i)\d{3}') > 0

-- filter: idc not in (order-api, GREEN, 10.2.200.1, BJ3) or idc <= SH1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'order-api', N'green', N'10.2.200.1', N'bj3') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'sh1'

-- filter: not not role > "pay team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'pay team'

-- filter: not (app = 10.2.200.1 or (status in (offline, maintenance) or tag ~ "^(order|pay)-")) and owner <= rocky-9
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'10.2.200.1' AND [s].[Status] NOT IN (N'Offline', N'Maintenance') AND NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^(order|pay)-') > 0) AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'rocky-9'

-- filter: not not ip != PROD and status in (online, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'prod' AND [s].[Status] IN (N'Online', N'Maintenance')

-- filter: tag = ZZZ
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'zzz')

-- filter: status not in (offline, online)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] NOT IN (N'Offline', N'Online')

-- filter: not os <= pci
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'pci'

-- filter: not os <= "Pay Team" and (status in (offline, maintenance) and idc < PROD or hostname < ubuntu-22.04) or tag in (WEB, db, CENTOS-7, SH2) and status not in (online, offline)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'pay team' AND (([s].[Status] IN (N'Offline', N'Maintenance') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'prod') OR [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'ubuntu-22.04')) OR (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'web', N'db', N'centos-7', N'sh2')) AND [s].[Status] NOT IN (N'Online', N'Offline'))

-- filter: ip in (web-1) and (os > web-1 and idc != "" and (app ~ ^$ or role != db))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'web-1' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'web-1' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'' AND (REGEXP_INSTR([s].[App], N'(?i)^$') > 0 OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'db')

-- filter: tag ~ ^[a-c]
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^[a-c]') > 0)

-- filter: os <= worker
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'worker'

-- filter: app not in ("pay team", BLUE, A, ZZZ) and idc < PAY-API
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'pay team', N'blue', N'a', N'zzz') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'pay-api'

-- filter: idc <= zz_tail
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'zz_tail'

-- filter: (env > SH2 or status != maintenance) and role > CentOS-7
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'sh2' OR [s].[Status] <> N'Maintenance') AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'centos-7'

-- filter: status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Offline'

-- filter: idc < ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N''

-- filter: status = offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline'

-- filter: hostname ~ team
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Hostname], N'(?i)team') > 0

-- filter: not not (status in (offline, offline) or env = "O'BRIEN")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'o''brien'

-- filter: role >= blue and hostname >= canary and not (env <= zz_tail or not hostname < legacy)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'blue' AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 >= N'canary' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'zz_tail' AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'legacy'

-- filter: not tag not in ("O'BRIEN", zz_tail, PROD, rocky-9) and (not status in (maintenance, offline) and (status not in (offline, online) and status in (offline, online))) and idc ~ "'"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'o''brien', N'zz_tail', N'prod', N'rocky-9')) AND [s].[Status] NOT IN (N'Maintenance', N'Offline') AND [s].[Status] NOT IN (N'Offline', N'Online') AND [s].[Status] IN (N'Offline', N'Online') AND REGEXP_INSTR([s].[Idc], N'(?i)''') > 0

-- filter: status = maintenance and idc in (m, search.web, zzz) or app != ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Status] = N'Maintenance' AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'm', N'search.web', N'zzz')) OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N''

-- filter: status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Offline'

-- filter: not idc > UBUNTU-22.04 and (hostname ~ ^[a-c] and app > "O'BRIEN") and (os ~ "^(order|pay)-" and status not in (online, online) and (owner = "Pay Team" or env <= 10.1)) and ((role not in (10.2.200.1, test, "") or idc not in (order, "O'BRIEN", db)) and not status not in (maintenance, offline) or role = CentOS-7)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'ubuntu-22.04' AND REGEXP_INSTR([s].[Hostname], N'(?i)^[a-c]') > 0 AND TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'o''brien' AND REGEXP_INSTR([s].[Os], N'(?i)^(order|pay)-') > 0 AND [s].[Status] <> N'Online' AND (TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'pay team' OR TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'10.1') AND (((TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'10.2.200.1', N'test', N'') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'order', N'o''brien', N'db')) AND [s].[Status] IN (N'Maintenance', N'Offline')) OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'centos-7')

-- filter: app ~ x?y*z+ and (tag not in (order-api, "o'brien", 10.1, Gz4) or ip < "") and not owner != m or not status not in (online, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (REGEXP_INSTR([s].[App], N'(?i)x?y*z+') > 0 AND (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'order-api', N'o''brien', N'10.1', N'gz4')) OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'') AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'm') OR [s].[Status] IN (N'Online', N'Maintenance')

-- filter: os != ROCKY-9 or not (owner >= PROD or status not in (maintenance, online)) and (not tag != worker or role != LEGACY)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'rocky-9' OR (TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'prod' AND [s].[Status] IN (N'Maintenance', N'Online') AND (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'worker') OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'legacy'))

-- filter: env not in (canary)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'canary'

-- filter: idc ~ ^db-
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE REGEXP_INSTR([s].[Idc], N'(?i)^db-') > 0

-- filter: not (owner != "O'BRIEN" or (role not in (OPS, "") or status = online) or (tag ~ api$ or role ~ ^db-) and hostname >= zz_tail)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'o''brien' AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'ops', N'') AND [s].[Status] <> N'Online' AND ((NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)api$') > 0) AND REGEXP_INSTR([s].[Role], N'(?i)^db-') <= 0) OR [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'zz_tail')

-- filter: env < PCI
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'pci'

-- filter: not os in (db, "pay team") or app = gpu
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'db', N'pay team') OR TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'gpu'

-- filter: status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Offline'

-- filter: app != zz_tail
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'zz_tail'

-- filter: not app >= dba
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'dba'

-- filter: not tag ~ api$
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)api$') > 0)

-- filter: env = prod
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod'

-- filter: owner in (db, search.web, WORKER)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'db', N'search.web', N'worker')

-- filter: status = maintenance
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Maintenance'

-- filter: not (not not status != offline and hostname <= 10.2.200.1)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline' OR [s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'10.2.200.1'

-- filter: (not status = online or hostname ~ "^(order|pay)-") and (ip != SH2 or (tag in (order-api, TEST) and env ~ ubuntu|rocky or owner = bj3))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Status] <> N'Online' OR REGEXP_INSTR([s].[Hostname], N'(?i)^(order|pay)-') > 0) AND (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'sh2' OR (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'order-api', N'test')) AND REGEXP_INSTR([s].[Env], N'(?i)ubuntu|rocky') > 0) OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'bj3')

-- filter: not (app > ORDER and hostname <= A) and (ip <= uat and status in (maintenance, online)) or status != offline
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ((TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'order' OR [s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'a') AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'uat' AND [s].[Status] IN (N'Maintenance', N'Online')) OR [s].[Status] <> N'Offline'

-- filter: status not in (offline, online)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] NOT IN (N'Offline', N'Online')

-- filter: not (status not in (offline, offline) or not tag in (order-api))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Offline' AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'order-api')

-- filter: tag != green and hostname > m and not hostname ~ \d{3} and (not (status = maintenance or tag != user-svc) or idc <= "Pay Team" and (env in (worker) and ip >= m))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'green') AND [s].[Hostname] COLLATE Latin1_General_100_BIN2 > N'm' AND REGEXP_INSTR([s].[Hostname], N'(?i)\d{3}') <= 0 AND (([s].[Status] <> N'Maintenance' AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'user-svc')) OR (TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'pay team' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'worker' AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'm'))

-- filter: not not not status != maintenance and tag = user-svc
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Maintenance' AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'user-svc')

-- filter: not status != online
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Online'

-- filter: idc <= 10.2.200.1 and (os > "O'BRIEN" and status = maintenance) or (tag ~ ^db- or not (tag ~ ^$ or tag ~ x?y*z+))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'10.2.200.1' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'o''brien' AND [s].[Status] = N'Maintenance') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^db-') > 0) OR (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND REGEXP_INSTR([s1].[Name], N'(?i)^$') > 0) AND NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s2]
    WHERE [s].[Id] = [s2].[ServerId] AND REGEXP_INSTR([s2].[Name], N'(?i)x?y*z+') > 0))

-- filter: not not not tag = blue and (status in (online, offline) or (ip ~ ubuntu|rocky or status not in (offline, offline)) or (not tag != PROD or owner < CentOS-7 and tag ~ team))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'blue') AND ([s].[Status] IN (N'Online', N'Offline') OR REGEXP_INSTR([s].[Ip], N'(?i)ubuntu|rocky') > 0 OR [s].[Status] <> N'Offline' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'prod') OR (TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'centos-7' AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s2]
    WHERE [s].[Id] = [s2].[ServerId] AND REGEXP_INSTR([s2].[Name], N'(?i)team') > 0)))

-- filter: tag != ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'')

-- filter: status in (maintenance, online) and (app < ROCKY-9 or hostname = CACHE)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] IN (N'Maintenance', N'Online') AND (TRANSLATE([s].[App] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'rocky-9' OR [s].[Hostname] = N'cache')

-- filter: not ((not os = PROD or (role = GPU or os > green)) and (idc >= db and ip < GZ4))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'prod' AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'gpu' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'green') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'db' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'gz4'

-- filter: owner not in (bj3) and role ~ SH
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'bj3' AND REGEXP_INSTR([s].[Role], N'(?i)SH') > 0

-- filter: (not ip > legacy or (tag in ("o'brien", blue) or os != m)) and idc != order-api and owner in (ORDER, "o'brien", m, ZZ_TAIL)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'legacy' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'o''brien', N'blue')) OR TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'm') AND TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'order-api' AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'order', N'o''brien', N'm', N'zz_tail')

-- filter: not ((os < order-api or tag in ("")) and hostname ~ x?y*z+) and (not (hostname >= web-1 or ip in (db)) or tag ~ ^$)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ((TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'order-api' AND NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'')) OR REGEXP_INSTR([s].[Hostname], N'(?i)x?y*z+') <= 0) AND (([s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'web-1' AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'db') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND REGEXP_INSTR([s1].[Name], N'(?i)^$') > 0))

-- filter: not not status not in (maintenance, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] <> N'Maintenance'

-- filter: status in (maintenance, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Maintenance'

-- filter: not (tag not in (A, prod) or (role <= order or os <= pci)) or not not idc < ""
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'a', N'prod')) AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'order' AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'pci') OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N''

-- filter: (not os = CACHE or role < CACHE) and tag ~ ^db-
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'cache' OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'cache') AND EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND REGEXP_INSTR([s0].[Name], N'(?i)^db-') > 0)

-- filter: role >= PROD
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'prod'

-- filter: tag = Gz4
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'gz4')

-- filter: hostname != legacy or (tag in (M, order-api, legacy) or idc in (PCI, order, "") or not not tag ~ ubuntu|rocky)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] <> N'legacy' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'm', N'order-api', N'legacy')) OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') IN (N'pci', N'order', N'') OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND REGEXP_INSTR([s1].[Name], N'(?i)ubuntu|rocky') > 0)

-- filter: status not in (offline, maintenance)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] NOT IN (N'Offline', N'Maintenance')

-- filter: os not in (zz_tail)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'zz_tail'

-- filter: os > CentOS-7 and hostname ~ "'"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'centos-7' AND REGEXP_INSTR([s].[Hostname], N'(?i)''') > 0

-- filter: not idc != SH1
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'sh1'

-- filter: tag = web-1 and env >= uat and env > gpu or (status in (offline, offline) and status not in (online, maintenance) or (idc > "" or ip < ubuntu-22.04)) or ((owner > test or role > green) and (os >= "O'BRIEN" and ip <= USER-SVC) or owner <= user-svc)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'web-1') AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'uat' AND TRANSLATE([s].[Env] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'gpu') OR ([s].[Status] = N'Offline' AND [s].[Status] NOT IN (N'Online', N'Maintenance')) OR TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'ubuntu-22.04' OR ((TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'test' OR TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 > N'green') AND TRANSLATE([s].[Os] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 >= N'o''brien' AND TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'user-svc') OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'user-svc'

-- filter: ip = zz_tail
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'zz_tail'

-- filter: not (tag in (GPU, uat, legacy) or (owner in (WORKER, LEGACY, DB, "O'BRIEN") or idc ~ ^db-)) or (status = online or (hostname < "pay team" or app ~ ^db-))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'gpu', N'uat', N'legacy')) AND TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'worker', N'legacy', N'db', N'o''brien') AND REGEXP_INSTR([s].[Idc], N'(?i)^db-') <= 0) OR [s].[Status] = N'Online' OR [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'pay team' OR REGEXP_INSTR([s].[App], N'(?i)^db-') > 0

-- filter: idc != "pay team"
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Idc] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'pay team'

-- filter: hostname < ops
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Hostname] COLLATE Latin1_General_100_BIN2 < N'ops'

-- filter: not (not status != maintenance or (tag in ("o'brien", uat, DB-0, gpu) or role >= canary)) or ip = search.web
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE ([s].[Status] <> N'Maintenance' AND NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'o''brien', N'uat', N'db-0', N'gpu')) AND TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 < N'canary') OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N'search.web'

-- filter: status = online or not env ~ ^db-
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE [s].[Status] = N'Online' OR REGEXP_INSTR([s].[Env], N'(?i)^db-') <= 0

-- filter: tag not in (DB-0, zz_tail)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'db-0', N'zz_tail'))

-- filter: owner <= "" or (tag != order and status != online or (owner not in (CentOS-7, "") or ip != Cache or tag in (PROD, PROD)))
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') COLLATE Latin1_General_100_BIN2 <= N'' OR (NOT EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] = N'order') AND [s].[Status] <> N'Online') OR TRANSLATE([s].[Owner] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') NOT IN (N'centos-7', N'') OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'cache' OR EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s1]
    WHERE [s].[Id] = [s1].[ServerId] AND [s1].[Name] = N'prod')

-- filter: role != web-1 or ip in ("", "")
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE TRANSLATE([s].[Role] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') <> N'web-1' OR TRANSLATE([s].[Ip] COLLATE Latin1_General_100_BIN2, N'ABCDEFGHIJKLMNOPQRSTUVWXYZ', N'abcdefghijklmnopqrstuvwxyz') = N''

-- filter: tag in (search.web, "o'brien", db-0)
SELECT [s].[Hostname]
FROM [Servers] AS [s]
WHERE EXISTS (
    SELECT 1
    FROM [ServerTags] AS [s0]
    WHERE [s].[Id] = [s0].[ServerId] AND [s0].[Name] IN (N'search.web', N'o''brien', N'db-0'))
