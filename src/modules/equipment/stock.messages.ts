// Server messages of stocktaking, liquidation and transfer (vi, en), registered through the module descriptor.
export const messages: Record<string, { vi: string; en: string }> = {
  'notFound.stocktake': { vi: 'Không tìm thấy đợt kiểm kê {id}.', en: 'Stocktaking {id} not found.' },
  'notFound.stocktakeUnit': { vi: 'Đơn vị {id} không thuộc đợt kiểm kê này.', en: 'Unit {id} is not part of this stocktaking.' },
  'notFound.stocktakeLine': { vi: 'Không tìm thấy dòng kiểm kê {id}.', en: 'Stocktaking line {id} not found.' },
  'notFound.proposal': { vi: 'Không tìm thấy đề nghị {id}.', en: 'Proposal {id} not found.' },
  'equipment.stocktakeClosed': { vi: 'Đợt kiểm kê đã kết thúc; không sửa được nữa.', en: 'The stocktaking is closed; it can no longer be changed.' },
  'equipment.stocktakeConfirmed': {
    vi: 'Đơn vị đã xác nhận kết quả kiểm kê; cần mở lại trước khi sửa.',
    en: 'The unit has confirmed its count; it must be reopened before changes.',
  },
  'equipment.stocktakeNotConfirmed': { vi: 'Đơn vị chưa xác nhận kết quả kiểm kê.', en: 'The unit has not confirmed its count yet.' },
  'equipment.stocktakeUnmarked': {
    vi: 'Còn {count} tài sản chưa được kiểm (có hay không có); hãy kiểm hết trước khi xác nhận.',
    en: '{count} assets are not marked found or missing yet; mark them all before confirming.',
  },
  'equipment.stocktakeUnconfirmed': {
    vi: 'Còn {count} đơn vị chưa xác nhận kết quả kiểm kê.',
    en: '{count} units have not confirmed their count.',
  },
  'equipment.notInList': { vi: 'Tài sản không có trong danh sách kiểm kê của đơn vị.', en: 'This asset is not on the unit’s stocktaking list.' },
  'equipment.duplicateLine': { vi: 'Tài sản được nhập hai lần.', en: 'This asset is given twice.' },
  'equipment.nothingToApply': {
    vi: 'Không có thay đổi nào để cập nhật vào sổ (thiếu, thừa hoặc trạng thái không đổi trực tiếp được).',
    en: 'There is nothing to apply to the register (missing, surplus, or a status that cannot be set directly).',
  },
  'equipment.alreadyApplied': { vi: 'Chênh lệch này đã được cập nhật vào sổ.', en: 'This difference was already applied.' },
  'equipment.assetNotAvailable': {
    vi: 'Tài sản đã thanh lý, điều chuyển hoặc đang chờ thanh lý.',
    en: 'The asset is disposed of, transferred or awaiting disposal ({status}).',
  },
  'equipment.assetNotTransferable': {
    vi: 'Chỉ điều chuyển được tài sản đang sử dụng hoặc không sử dụng (còn hoạt động).',
    en: 'Only a working asset (in use or idle) can be transferred ({status}).',
  },
  'equipment.proposalOpen': { vi: 'Tài sản đang có một đề nghị thanh lý hoặc điều chuyển chưa xong.', en: 'The asset already has an open liquidation or transfer proposal.' },
  'equipment.notFullyWorn': { vi: 'Tài sản chưa hết thời gian sử dụng (chưa khấu hao hết).', en: 'The asset is not fully worn yet.' },
  'equipment.repairEstimateRequired': { vi: 'Hãy nhập chi phí sửa chữa dự kiến.', en: 'Enter the repair estimate.' },
  'equipment.repairNotCostly': {
    vi: 'Chi phí sửa chữa dự kiến không vượt tỷ lệ quy định so với nguyên giá.',
    en: 'The repair estimate does not exceed the configured share of the cost.',
  },
  'equipment.beyondRepairNote': {
    vi: 'Chưa có phiếu sửa chữa kết luận hỏng không sửa được; hãy ghi rõ căn cứ.',
    en: 'No work order was closed as beyond repair; state the grounds in the note.',
  },
  'equipment.sameUnit': { vi: 'Đơn vị nhận phải khác đơn vị đang giữ tài sản.', en: 'The receiving unit must differ from the holder.' },
  'equipment.unitClosed': { vi: 'Đơn vị nhận đã giải thể hoặc chưa hoạt động.', en: 'The receiving unit is not open.' },
  'equipment.proposalState': { vi: 'Đề nghị không ở bước cho phép thao tác này.', en: 'The proposal is not at a step that allows this ({status}).' },
  'equipment.decisionNoRequired': { vi: 'Hãy nhập số quyết định.', en: 'Enter the decision number.' },
  'equipment.minutesNotReady': { vi: 'Chỉ lập biên bản bàn giao khi việc điều chuyển đã được phê duyệt.', en: 'Handover minutes exist once a transfer is approved.' },
};
