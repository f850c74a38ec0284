#!/bin/bash
# Count the lines of every input file; uses the job helpers bash applets rely on.
main() {
    echo "label: $label, files: ${reads_name[*]}"
    dx-download-all-inputs --parallel
    total=0
    for path in "${reads_path[@]}"; do
        total=$((total + $(wc -l < "$path")))
    done
    mkdir -p ~/out/summary
    echo "$label: $total lines in ${#reads_path[@]} files" > ~/out/summary/summary.txt
    dx-upload-all-outputs
    dx-jobutil-add-output lines "$total" --class=int
}
