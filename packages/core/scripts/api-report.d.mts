// Types of api-report.mjs, for the test that runs it.

/** At most this many runtime values in each runtime package's main entry. */
export declare const maxRuntimeValues: number;
/** The command that rewrites the reports. */
export declare const updateCommand: string;

export interface ReportedEntry {
  subpath: string;
  module: string;
  types: string;
}
export interface ReportedPackage {
  name: string;
  dir: string;
  runtime?: boolean;
  entries: ReportedEntry[];
}
export interface ExportedName {
  name: string;
  kind: string;
}
export interface EntrySurface extends ReportedEntry {
  values: ExportedName[];
  types: ExportedName[];
  problems: string[];
}

export declare const reportedPackages: ReportedPackage[];
export declare function reportPath(pkg: ReportedPackage): string;
export declare function packageSurface(pkg: ReportedPackage): Promise<EntrySurface[]>;
export declare function renderReport(pkg: ReportedPackage, entries: EntrySurface[]): string;
export declare function diffLines(expected: string, actual: string): string[];
export declare function checkReports(packages?: ReportedPackage[]): Promise<string[]>;
export declare function writeReports(packages?: ReportedPackage[]): Promise<void>;
